package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.service.media.MediaCleanup;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repeat rule: the same photos from the same requester within the window get the video made for them
 * earlier, free and without a new generation. People send the same photos again when a video did not arrive
 * where they looked, or to show it to someone, and every generation is paid for. The first delivered video
 * of a photo set is kept for the window with its photos, so "another take" can make a new video of them;
 * a job answered from it, or a take made from it, gets copies of its own, so cancelling or finishing that
 * job never touches what is kept.
 */
public final class RepeatRule {
    private static final System.Logger LOG = System.getLogger(RepeatRule.class.getName());

    private final EarlierVideos earlier;
    private final MediaStore media;
    private final MediaCleanup cleanup;
    private final Jobs jobs;
    private final Duration window;

    public RepeatRule(EarlierVideos earlier, MediaStore media, MediaCleanup cleanup, Jobs jobs, Duration window) {
        this.earlier = earlier;
        this.media = media;
        this.cleanup = cleanup;
        this.jobs = jobs;
        this.window = window;
    }

    /**
     * A job's state that sends the earlier video of these photos again: a copy, stored for the new job. Empty
     * when there is none, or when it is gone by now (expired or swept): then the photos make a new video.
     */
    public Optional<JobState.Delivering> earlierVideo(RequesterId requester, List<JobPhoto> photos) {
        return kept(requester, photos).flatMap(kept -> copy(kept.video(), MediaKind.VIDEO))
                .map(copy -> JobState.Delivering.stored(copy.key(), copy.sizeBytes(), jobs.now()));
    }

    /**
     * Copies of the photos a delivered job's photo set was made from, for another take; empty once they are
     * no longer kept. The copies keep each photo's format, size, digest and people.
     */
    public Optional<List<JobPhoto>> photosForAnotherTake(Job delivered) {
        Optional<EarlierVideos.Kept> kept = kept(delivered.requester().id(), delivered.photos());
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        var copies = new ArrayList<JobPhoto>();
        for (JobPhoto photo : kept.get().photos()) {
            Optional<MediaStore.StoredMedia> copy = copy(photo.photo().key(), MediaKind.PHOTO);
            if (copy.isEmpty()) {
                cleanup.deleteQuietly(copies.stream().map(p -> p.photo().key()).toList());
                return Optional.empty();
            }
            Photo original = photo.photo();
            copies.add(new JobPhoto(new Photo(copy.get().key(), original.format(), original.dimensions(),
                    copy.get().sizeBytes(), original.digest()), photo.people()));
        }
        return Optional.of(copies);
    }

    private Optional<EarlierVideos.Kept> kept(RequesterId requester, List<JobPhoto> photos) {
        if (!window.isPositive()) {
            return Optional.empty();
        }
        return PhotoSet.of(requester, photos).flatMap(set -> earlier.find(set, jobs.now()));
    }

    private Optional<MediaStore.StoredMedia> copy(MediaKey key, MediaKind kind) {
        try (InputStream original = media.open(key)) {
            return Optional.of(media.put(kind, original));
        } catch (MediaStoreException | IOException e) {
            LOG.log(Level.INFO, "the kept " + key + " is gone; going on without it: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The job's video reached its requester: keep it and its photos for the window if it is the first of its
     * photo set, else delete them.
     */
    public void delivered(Job job, MediaKey video) {
        Optional<PhotoSet> set = PhotoSet.of(job.requester().id(), job.photos());
        var kept = new EarlierVideos.Kept(video, job.photos());
        if (!window.isPositive() || set.isEmpty() || earlier.find(set.get(), jobs.now()).isPresent()) {
            cleanup.deleteQuietly(kept.keys());
            return;
        }
        cleanup.deleteQuietly(earlier.keep(set.get(), kept, jobs.now().plus(window)));
    }

    /** Whether this video or photo is kept for the repeat rule now. */
    public boolean keeps(MediaKey key) {
        return earlier.keeps(key);
    }

    /** Deletes what is kept past the window. */
    public void releaseExpired() {
        cleanup.deleteQuietly(earlier.release(jobs.now()));
    }
}
