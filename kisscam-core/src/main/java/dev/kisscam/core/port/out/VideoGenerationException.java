package dev.kisscam.core.port.out;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The generator could not submit, poll or hand over a video. Messages never carry secrets. */
public class VideoGenerationException extends RuntimeException {
    private final ProviderFault fault;
    private final Optional<Duration> retryAfter;

    public VideoGenerationException(ProviderFault fault, String message) {
        this(fault, message, null);
    }

    public VideoGenerationException(ProviderFault fault, String message, Throwable cause) {
        this(fault, message, cause, Optional.empty());
    }

    /** {@code retryAfter}: how long the provider asked us to wait, when it said (a 429's Retry-After). */
    public VideoGenerationException(ProviderFault fault, String message, Throwable cause, Optional<Duration> retryAfter) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public ProviderFault fault() {
        return fault;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
