package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.MediaKey;
import java.io.InputStream;

/** Read access to stored media: what detectors and generators get instead of the whole store. */
@FunctionalInterface
public interface MediaReader {
    /**
     * Opens a stored blob for streaming; the caller closes the stream.
     *
     * @throws MediaStoreException.NotFound when no such media exists (anymore)
     * @throws MediaStoreException when the store cannot be read
     */
    InputStream open(MediaKey key);
}
