package dev.kisscam.core.domain;

import java.time.Instant;
import java.util.Objects;

/** How many jobs a requester started in the current period, of how many, and when the period ends. */
public record QuotaStatus(int used, int limit, Instant resetsAt) {
    public QuotaStatus {
        Objects.requireNonNull(resetsAt, "resetsAt");
        if (used < 0 || limit < 0) {
            throw new IllegalArgumentException("quota counts cannot be negative");
        }
    }

    public int remaining() {
        return Math.max(0, limit - used);
    }

    public boolean exhausted() {
        return used >= limit;
    }
}
