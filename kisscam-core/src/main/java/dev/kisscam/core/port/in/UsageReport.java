package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.QuotaStatus;
import java.util.Objects;
import java.util.Optional;

/** A requester's own numbers: videos delivered, quota in this period, and the job in progress if any. */
public record UsageReport(long videosDelivered, QuotaStatus quota, Optional<JobId> activeJob, boolean draftWaiting) {
    public UsageReport {
        Objects.requireNonNull(quota, "quota");
        Objects.requireNonNull(activeJob, "activeJob");
    }
}
