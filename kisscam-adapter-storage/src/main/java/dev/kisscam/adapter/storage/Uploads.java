package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.DEBUG;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/** What every media store does with an upload, whatever it stores it in. */
final class Uploads {

    private static final System.Logger LOG = System.getLogger(Uploads.class.getName());

    private Uploads() {
    }

    /** {@code photo-<uuid>} or {@code video-<uuid>}: made here, never from anything a caller says. */
    static MediaKey newKey(MediaKind kind) {
        return new MediaKey(kind.name().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID());
    }

    /**
     * Whether a stored blob's name is the key of media that {@code inUse} says a job still needs. A name no
     * store makes (a partial file, say) is never in use: nothing can refer to it.
     */
    static boolean isInUse(String name, Predicate<MediaKey> inUse) {
        MediaKey key;
        try {
            key = new MediaKey(name);
        } catch (IllegalArgumentException notAKey) {
            return false;
        }
        return inUse.test(key);
    }

    /** Once the media is stored, a stream that fails to close is no reason to report the put as failed. */
    static void closeQuietly(InputStream content) {
        try {
            content.close();
        } catch (IOException e) {
            LOG.log(DEBUG, "closing the content of an upload failed", e);
        }
    }
}
