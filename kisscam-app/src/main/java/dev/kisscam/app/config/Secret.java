package dev.kisscam.app.config;

import java.util.Objects;

/** A token or key. Its {@code toString} never shows it, so it cannot leak into a log line by accident. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    /** Enough to tell two keys apart in a log, nothing more. */
    public String masked() {
        return value.isEmpty() ? "(empty)" : "****" + (value.length() >= 12 ? value.substring(value.length() - 2) : "");
    }

    @Override
    public String toString() {
        return masked();
    }
}
