package dev.kisscam.core.domain;

import java.util.Objects;
import java.util.UUID;

/** Identifies one job across restarts. Safe to use in file names and log lines. */
public record JobId(String value) {
    public JobId {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("a job id is 1 to 64 letters, digits or dashes");
        }
    }

    public static JobId random() {
        return new JobId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
