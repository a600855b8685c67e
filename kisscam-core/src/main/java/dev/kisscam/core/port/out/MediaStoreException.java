package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.MediaKey;

/** The media store failed: a disk full, a permission missing, a bucket unreachable. The message names where. */
public class MediaStoreException extends RuntimeException {
    public MediaStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public MediaStoreException(String message) {
        super(message);
    }

    /** The key names no stored blob: it was never written, or it was deleted or swept. */
    public static class NotFound extends MediaStoreException {
        private final MediaKey key;

        public NotFound(MediaKey key) {
            super("no stored media " + key);
            this.key = key;
        }

        public MediaKey key() {
            return key;
        }
    }
}
