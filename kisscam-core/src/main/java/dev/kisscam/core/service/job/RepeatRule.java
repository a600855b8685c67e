package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.service.media.MediaCleanup;
import java.io.InputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The repeat rule: the same photos from the same requester within the window get the video made for them
 * earlier, free and without a new generation. People send the same photos again when a video did not arrive
 * where they looked, or to show it to someone, and every generation is paid for. The first delivered video
 * of a photo set is kept for the window; a job answered from it gets a copy of its own, so cancelling or
 * finishing that job never touches the kept one.
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
        if (!window.isPositive()) {
            return Optional.empty();
        }
        Optional<MediaKey> kept = PhotoSet.of(requester, photos).flatMap(set -> earlier.find(set, jobs.now()));
        if (kept.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream video = media.open(kept.get())) {
            MediaStore.StoredMedia copy = media.put(MediaKind.VIDEO, video);
            return Optional.of(JobState.Delivering.stored(copy.key(), copy.sizeBytes(), jobs.now()));
        } catch (MediaStoreException | IOException e) {
            LOG.log(Level.INFO, "the earlier video " + kept.get() + " of these photos is gone; making a new one: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The job's video reached its requester: keep it for the window if it is the first of its photo set,
     * else delete it.
     */
    public void delivered(Job job, MediaKey video) {
        Optional<PhotoSet> set = PhotoSet.of(job.requester().id(), job.photos());
        if (!window.isPositive() || set.isEmpty() || earlier.find(set.get(), jobs.now()).isPresent()) {
            cleanup.deleteQuietly(video);
            return;
        }
        cleanup.deleteQuietly(earlier.keep(set.get(), video, jobs.now().plus(window)));
    }

    /** Whether this video is kept for the repeat rule now. */
    public boolean keeps(MediaKey video) {
        return earlier.keeps(video);
    }

    /** Deletes the kept videos whose window has passed. */
    public void releaseExpired() {
        cleanup.deleteQuietly(earlier.release(jobs.now()));
    }
}
