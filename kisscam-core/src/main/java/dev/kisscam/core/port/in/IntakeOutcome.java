package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Refusal;
import java.time.Instant;
import java.util.Objects;

/** What became of a submission, decided before the call returns. */
public sealed interface IntakeOutcome {

    /**
     * A job exists and waits for (or has) a generation slot; {@code queuePosition} as in
     * {@code Delivery.accepted}. {@code replacedDraft} when a waiting one-person photo was dropped for it.
     */
    record JobAccepted(JobId job, int queuePosition, boolean replacedDraft) implements IntakeOutcome {
        public JobAccepted {
            Objects.requireNonNull(job, "job");
        }
    }

    /** One person seen; the photo waits until {@code expiresAt} for a second photo of one person. */
    record AwaitingSecondPhoto(JobId draft, Instant expiresAt) implements IntakeOutcome {
        public AwaitingSecondPhoto {
            Objects.requireNonNull(draft, "draft");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    record Refused(Refusal refusal) implements IntakeOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
