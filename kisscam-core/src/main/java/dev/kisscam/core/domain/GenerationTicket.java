package dev.kisscam.core.domain;

import java.util.Objects;

/**
 * The provider's handle for a submitted generation (xAI's {@code request_id}). Once a job holds one, the
 * job is only ever polled again, never submitted again: a submission is paid for.
 */
public record GenerationTicket(String value) {
    public GenerationTicket {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 512) {
            throw new IllegalArgumentException("a generation ticket has 1 to 512 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
