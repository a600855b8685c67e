package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Refusal;
import java.time.Instant;
import java.util.Objects;

/**
 * What became of a submission, decided before the call returns. This is the only place a frontend hears
 * that a job exists; everything after that (position changes, progress, the video) comes through
 * {@code Delivery}, and may come before the caller has looked at this answer.
 */
public sealed interface IntakeOutcome {

    /**
     * A job exists and waits for (or has) a generation slot: {@code queuePosition} 0 means it starts now, N
     * means it is N-th in line. {@code replacedDraft} when a waiting one-person photo was dropped for it.
     */
    record JobAccepted(JobId job, int queuePosition, boolean replacedDraft) implements IntakeOutcome {
        public JobAccepted {
            Objects.requireNonNull(job, "job");
            if (queuePosition < 0) {
                throw new IllegalArgumentException("a queue position is 0 or more");
            }
        }
    }

    /**
     * The requester sent these same photos a short while ago: job {@code job} sends the video made then,
     * at no cost and without a new generation. A new take needs different photos or a later try.
     */
    record EarlierVideo(JobId job, boolean replacedDraft) implements IntakeOutcome {
        public EarlierVideo {
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
