package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.MediaKey;
import java.io.InputStream;
import java.util.Objects;

/** A finished MP4 in the media store, readable as often as the frontend needs while it is delivered. */
public record Video(MediaKey key, long sizeBytes, MediaReader reader) {
    public Video {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reader, "reader");
    }

    public InputStream open() {
        return reader.open(key);
    }
}
