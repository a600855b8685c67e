package dev.kisscam.core.service.media;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.lang.System.Logger.Level;
import java.util.Collection;

/**
 * Deletes media the core no longer needs. A delete that fails must not undo what the job already did (a
 * video sent, a refusal told), so it is logged and left to the media sweeper, which deletes old media anyway.
 */
public final class MediaCleanup {
    private static final System.Logger LOG = System.getLogger(MediaCleanup.class.getName());

    private final MediaStore media;

    public MediaCleanup(MediaStore media) {
        this.media = media;
    }

    public void deleteQuietly(MediaKey key) {
        try {
            media.delete(key);
        } catch (MediaStoreException e) {
            LOG.log(Level.WARNING, "could not delete " + key + "; the media sweeper will: " + e.getMessage());
        }
    }

    public void deleteQuietly(Collection<MediaKey> keys) {
        keys.forEach(this::deleteQuietly);
    }
}
