package dev.kisscam.core.port.out;

import java.util.Objects;

/** The generator could not submit, poll or hand over a video. Messages never carry secrets. */
public class VideoGenerationException extends RuntimeException {
    private final ProviderFault fault;

    public VideoGenerationException(ProviderFault fault, String message) {
        this(fault, message, null);
    }

    public VideoGenerationException(ProviderFault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    public ProviderFault fault() {
        return fault;
    }
}
