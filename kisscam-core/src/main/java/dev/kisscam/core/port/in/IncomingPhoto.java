package dev.kisscam.core.port.in;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A photo as a frontend received it. {@code declaredSize} lets the core refuse an oversized file before
 * reading it; the declared type is informational only, because the core sniffs the bytes.
 */
public record IncomingPhoto(ContentSource content, OptionalLong declaredSize, String declaredType) {
    public IncomingPhoto {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(declaredSize, "declaredSize");
        Objects.requireNonNull(declaredType, "declaredType");
    }

    public static IncomingPhoto of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new IncomingPhoto(() -> new java.io.ByteArrayInputStream(copy), OptionalLong.of(copy.length), "");
    }
}
