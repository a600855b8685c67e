package dev.kisscam.core.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Why a submission did not become a job, saying what was seen so a frontend can explain it. */
public sealed interface Refusal {

    /** Not JPEG, PNG or WebP by its magic bytes; {@code detected} names what it looks like (PDF, GIF, HEIC, unknown). */
    record UnsupportedFormat(String detected) implements Refusal {
        public UnsupportedFormat {
            Objects.requireNonNull(detected, "detected");
        }
    }

    /** Larger than the limit; {@code sizeBytes} is a lower bound when the refusal came while reading. */
    record PhotoTooLarge(long sizeBytes, long limitBytes) implements Refusal {
    }

    record PhotoTooSmall(Dimensions dimensions, int minShortSide) implements Refusal {
        public PhotoTooSmall {
            Objects.requireNonNull(dimensions, "dimensions");
        }
    }

    /** More pixels than allowed: refused from the header, before anything decodes it. */
    record PhotoTooManyPixels(Dimensions dimensions, long maxPixels) implements Refusal {
        public PhotoTooManyPixels {
            Objects.requireNonNull(dimensions, "dimensions");
        }
    }

    /** Truncated, corrupt or not fully received; {@code why} is for logs. */
    record PhotoUnreadable(String why) implements Refusal {
        public PhotoUnreadable {
            Objects.requireNonNull(why, "why");
        }
    }

    record NoPeople() implements Refusal {
    }

    record TooManyPeople(int people) implements Refusal {
    }

    record LooksUnderage() implements Refusal {
    }

    record TooManyPhotos(int photos, int maxPhotos) implements Refusal {
    }

    /** Two photos must show one person each; {@code peoplePerPhoto} says what each showed. */
    record NeedOnePersonPerPhoto(List<Integer> peoplePerPhoto) implements Refusal {
        public NeedOnePersonPerPhoto {
            peoplePerPhoto = List.copyOf(peoplePerPhoto);
        }
    }

    record QuotaExhausted(int limit, Instant resetsAt) implements Refusal {
        public QuotaExhausted {
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }

    /**
     * Too many of the requester's photos were refused for what they showed (each still cost a paid look) in
     * this period; photos are taken again after {@code resetsAt}.
     */
    record TooManyRefusedPhotos(int limit, Instant resetsAt) implements Refusal {
        public TooManyRefusedPhotos {
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }

    /** The operator's daily budget for the provider is spent; new jobs are taken again from {@code reopensAt}. */
    record DailyBudgetReached(Instant reopensAt) implements Refusal {
        public DailyBudgetReached {
            Objects.requireNonNull(reopensAt, "reopensAt");
        }
    }

    record JobAlreadyActive(JobId activeJob) implements Refusal {
        public JobAlreadyActive {
            Objects.requireNonNull(activeJob, "activeJob");
        }
    }

    /** The wish asks for what the bot never makes; {@code topic} says what, nothing was charged. */
    record WishNotAllowed(Topic topic) implements Refusal {
        public enum Topic { NUDITY, VIOLENCE, MINORS }

        public WishNotAllowed {
            Objects.requireNonNull(topic, "topic");
        }
    }

    /** No such style here (an old button, a typo on the command line). */
    record UnknownStyle(VideoStyle style) implements Refusal {
        public UnknownStyle {
            Objects.requireNonNull(style, "style");
        }
    }

    /** The requester has not yet confirmed that everyone in their photos is an adult who agreed. */
    record ConsentRequired() implements Refusal {
    }

    /** Nothing to retry: no such job, not this requester's, not failed, or failed in a way a retry cannot mend. */
    record NotRetryable(String why) implements Refusal {
        public NotRetryable {
            Objects.requireNonNull(why, "why");
        }
    }

    /** A service the check needs (detector, storage) failed; nothing was charged to the requester. */
    record ServiceUnavailable(FailureCode code) implements Refusal {
        public ServiceUnavailable {
            Objects.requireNonNull(code, "code");
        }
    }
}
