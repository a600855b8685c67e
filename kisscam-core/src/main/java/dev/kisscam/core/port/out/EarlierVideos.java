package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PhotoSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which video was made for which photo set, and the photos themselves, for a while after it was delivered:
 * the repeat rule sends the video again, free, when the same requester sends the same photos, and "another
 * take" makes a new one from the kept photos. The media stay in the {@link MediaStore}; this only remembers
 * their keys, and hands back the keys it lets go of so the core deletes that media.
 */
public interface EarlierVideos {

    /** A delivered video and the photos it was made from, as the job had them. */
    record Kept(MediaKey video, List<JobPhoto> photos) {
        public Kept {
            Objects.requireNonNull(video, "video");
            photos = List.copyOf(photos);
        }

        /** Every key, the video's first. */
        public List<MediaKey> keys() {
            var keys = new ArrayList<MediaKey>();
            keys.add(video);
            photos.forEach(photo -> keys.add(photo.photo().key()));
            return keys;
        }
    }

    /** Keeps nothing: every photo set is new. For frontends that do not want the repeat rule. */
    EarlierVideos NONE = new EarlierVideos() {
        @Override
        public Optional<Kept> find(PhotoSet photos, Instant now) {
            return Optional.empty();
        }

        @Override
        public List<MediaKey> keep(PhotoSet photos, Kept kept, Instant until) {
            return kept.keys();
        }

        @Override
        public List<MediaKey> release(Instant now) {
            return List.of();
        }

        @Override
        public boolean keeps(MediaKey key) {
            return false;
        }
    };

    /** What is kept for these photos, if anything is and its time has not passed. */
    Optional<Kept> find(PhotoSet photos, Instant now);

    /**
     * Remembers a video and its photos for these photo set until {@code until}. Returns the keys no longer
     * kept because of it (what it replaced, what was pushed out to stay within a size, or these when it keeps
     * none); the caller deletes that media.
     */
    List<MediaKey> keep(PhotoSet photos, Kept kept, Instant until);

    /** Forgets what expired by {@code now} and returns its keys, for the caller to delete. */
    List<MediaKey> release(Instant now);

    /** Whether this video or photo is kept now, expired or not: it must not be deleted as litter. */
    boolean keeps(MediaKey key);
}
