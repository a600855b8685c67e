package dev.kisscam.core.port.out;

import java.util.Objects;

/** The detector could not answer. Messages never carry secrets. */
public class PeopleDetectionException extends RuntimeException {
    private final ProviderFault fault;

    public PeopleDetectionException(ProviderFault fault, String message) {
        this(fault, message, null);
    }

    public PeopleDetectionException(ProviderFault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = Objects.requireNonNull(fault, "fault");
    }

    public ProviderFault fault() {
        return fault;
    }
}
