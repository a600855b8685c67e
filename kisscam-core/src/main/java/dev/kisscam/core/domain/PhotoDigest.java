package dev.kisscam.core.domain;

import java.util.Objects;

/**
 * The SHA-256 of a photo's bytes, taken once while the photo streams in. Equal bytes give equal digests
 * whatever the file's name or media key, so a photo sent again is recognised without reading it again.
 */
public record PhotoDigest(String sha256) {
    public PhotoDigest {
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a photo digest is 64 lower-case hex digits");
        }
    }

    @Override
    public String toString() {
        return sha256;
    }
}
