package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Spend;
import java.util.Objects;

/** What a poll of a submitted generation found. */
public sealed interface GenerationStatus {

    /** Still running; {@code progress} is 0..100 (0 when the provider does not say). */
    record Pending(int progress) implements GenerationStatus {
        public Pending {
            if (progress < 0 || progress > 100) {
                throw new IllegalArgumentException("progress is 0..100");
            }
        }
    }

    /** Finished with a video at {@code location} (opaque to the core; see {@link VideoGenerator#openVideo}). */
    record Ready(String location, Spend spend) implements GenerationStatus {
        public Ready {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(spend, "spend");
        }
    }

    /** The provider's moderation blocked the output: there is no video, and retrying will not help. */
    record Blocked(String detail, Spend spend) implements GenerationStatus {
        public Blocked {
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(spend, "spend");
        }
    }

    /**
     * Finished without a video. {@code expired} when the provider let it lapse; {@code transientFailure} when
     * the provider says a new submission may succeed.
     */
    record Failed(String code, String message, boolean expired, boolean transientFailure, Spend spend)
            implements GenerationStatus {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(spend, "spend");
        }
    }
}
