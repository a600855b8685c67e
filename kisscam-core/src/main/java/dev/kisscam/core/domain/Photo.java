package dev.kisscam.core.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A photo that passed the checks and sits in the media store. {@code digest} is taken while the photo
 * streams in; it is empty only for photos that an older release stored.
 */
public record Photo(MediaKey key, ImageFormat format, Dimensions dimensions, long sizeBytes,
        Optional<PhotoDigest> digest) {
    public Photo {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(dimensions, "dimensions");
        Objects.requireNonNull(digest, "digest");
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("a stored photo has bytes");
        }
    }

    public Photo(MediaKey key, ImageFormat format, Dimensions dimensions, long sizeBytes, PhotoDigest digest) {
        this(key, format, dimensions, sizeBytes, Optional.of(digest));
    }
}
