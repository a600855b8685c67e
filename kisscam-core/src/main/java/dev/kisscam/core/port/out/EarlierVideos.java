package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PhotoSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which video was made for which photo set, for a while after it was delivered: the repeat rule sends it
 * again, free, when the same requester sends the same photos. The videos themselves stay in the
 * {@link MediaStore}; this only remembers their keys, and hands back the keys it lets go of so the core
 * deletes those videos.
 */
public interface EarlierVideos {

    /** Keeps nothing: every photo set is new. For frontends that do not want the repeat rule. */
    EarlierVideos NONE = new EarlierVideos() {
        @Override
        public Optional<MediaKey> find(PhotoSet photos, Instant now) {
            return Optional.empty();
        }

        @Override
        public List<MediaKey> keep(PhotoSet photos, MediaKey video, Instant until) {
            return List.of(video);
        }

        @Override
        public List<MediaKey> release(Instant now) {
            return List.of();
        }

        @Override
        public boolean keeps(MediaKey video) {
            return false;
        }
    };

    /** The video kept for these photos, if one is kept and its time has not passed. */
    Optional<MediaKey> find(PhotoSet photos, Instant now);

    /**
     * Remembers {@code video} for these photos until {@code until}. Returns the videos no longer kept because
     * of it (one it replaced, ones pushed out to stay within a size, or this one when it keeps none); the
     * caller deletes them.
     */
    List<MediaKey> keep(PhotoSet photos, MediaKey video, Instant until);

    /** Forgets what expired by {@code now} and returns those videos, for the caller to delete. */
    List<MediaKey> release(Instant now);

    /** Whether this video is kept for some photo set now, expired or not: it must not be deleted as litter. */
    boolean keeps(MediaKey video);
}
