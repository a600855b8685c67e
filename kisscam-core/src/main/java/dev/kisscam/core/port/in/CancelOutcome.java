package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import java.util.Objects;

public sealed interface CancelOutcome {

    enum What { DRAFT, QUEUED_JOB, RUNNING_JOB }

    record Cancelled(JobId job, What what) implements CancelOutcome {
        public Cancelled {
            Objects.requireNonNull(job, "job");
            Objects.requireNonNull(what, "what");
        }
    }

    record NothingToCancel() implements CancelOutcome {
    }
}
