package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import java.io.InputStream;

/**
 * Photos and videos while a job needs them. Content is streamed in and out: a store never holds a whole
 * file on the heap. Keys are made by the store, so nothing a caller says ever becomes a path.
 */
public interface MediaStore extends MediaReader {

    /**
     * Streams {@code content} into a new blob and returns its key and size once it is completely and
     * durably written. If reading {@code content} fails part-way, nothing is left behind and the failure is
     * reported as a {@link MediaStoreException} whose cause is the reading failure.
     */
    StoredMedia put(MediaKind kind, InputStream content);

    /** The blob's size in bytes. */
    long size(MediaKey key);

    /** Removes a blob; removing one that is not there is fine. */
    void delete(MediaKey key);

    record StoredMedia(MediaKey key, long sizeBytes) {
    }
}
