package dev.kisscam.core.domain;

import java.time.Instant;
import java.util.Objects;

/** Where a job stands. Unfinished states are resumed after a restart; finished ones never change again. */
public sealed interface JobState {

    /** Whether the job has ended, one way or another. */
    default boolean finished() {
        return switch (this) {
            case Draft d -> false;
            case Queued q -> false;
            case Submitting s -> false;
            case Generating g -> false;
            case Delivering d -> false;
            case Done d -> true;
            case Failed f -> true;
            case Cancelled c -> true;
            case Expired e -> true;
        };
    }

    /** Whether this is a job in the sense of the one-active-job rule: queued, at the provider or being sent. */
    default boolean active() {
        return !finished() && !(this instanceof Draft);
    }

    /** One photo with one person, waiting until {@code expiresAt} for a second such photo. */
    record Draft(Instant expiresAt) implements JobState {
        public Draft {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Waiting for a generation slot. */
    record Queued() implements JobState {
    }

    /**
     * About to send (or sending) submission number {@code attempt}. A job found in this state after a restart
     * may or may not have been accepted by the provider, so it is never submitted again.
     */
    record Submitting(int attempt) implements JobState {
        public Submitting {
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1");
            }
        }
    }

    /**
     * Accepted by the provider; polled until it finishes or {@code submittedAt} plus the timeout passes.
     * Progress is not persisted: it only feeds the requester's status and is read again on the next poll.
     */
    record Generating(GenerationTicket ticket, int attempt, Instant submittedAt) implements JobState {
        public Generating {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(submittedAt, "submittedAt");
            if (attempt < 1) {
                throw new IllegalArgumentException("attempts count from 1");
            }
        }
    }

    /**
     * The video is stored and is being handed to the requester, since {@code since}. {@code failedAttempts}
     * counts the tries the frontend could not take yet (it was unreachable); the job's {@code updatedAt} is when
     * the last of them was saved, so the pause before the next survives a restart.
     */
    record Delivering(MediaKey video, long videoBytes, int failedAttempts, Instant since) implements JobState {
        public Delivering {
            Objects.requireNonNull(video, "video");
            Objects.requireNonNull(since, "since");
            if (failedAttempts < 0) {
                throw new IllegalArgumentException("failed attempts cannot be negative");
            }
        }

        /** A video stored at {@code since}, not yet offered to the frontend. */
        public static Delivering stored(MediaKey video, long videoBytes, Instant since) {
            return new Delivering(video, videoBytes, 0, since);
        }

        public Delivering failedOnce() {
            return new Delivering(video, videoBytes, failedAttempts + 1, since);
        }
    }

    record Done(Instant at) implements JobState {
        public Done {
            Objects.requireNonNull(at, "at");
        }
    }

    record Failed(Failure failure) implements JobState {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    record Cancelled() implements JobState {
    }

    /** A draft whose second photo never came. */
    record Expired() implements JobState {
    }
}
