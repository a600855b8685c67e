package dev.kisscam.core.domain;

import java.util.Objects;

/**
 * Names a stored photo or video. Keys are made by the {@code MediaStore}, never by callers, so no string a
 * user controls ever becomes a path; the allowed characters keep it that way for any store.
 */
public record MediaKey(String value) {
    public MediaKey {
        Objects.requireNonNull(value, "value");
        if (!value.matches("[a-z0-9][a-z0-9-]{0,127}")) {
            throw new IllegalArgumentException("a media key is 1 to 128 lower-case letters, digits or dashes");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
