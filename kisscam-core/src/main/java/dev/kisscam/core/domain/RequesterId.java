package dev.kisscam.core.domain;

import java.util.Objects;

/**
 * Who asked, in a form every frontend can produce: a frontend prefix and its own user id, for example
 * {@code telegram:42}. Quotas, drafts and the one-active-job rule are kept per requester id.
 */
public record RequesterId(String value) {
    public RequesterId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("a requester id has 1 to 200 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
