package dev.kisscam.core.domain;

import java.util.Objects;

/** A photo that passed the checks and sits in the media store. */
public record Photo(MediaKey key, ImageFormat format, Dimensions dimensions, long sizeBytes) {
    public Photo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dimensions, "dimensions");
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("a stored photo has bytes");
        }
    }
}
