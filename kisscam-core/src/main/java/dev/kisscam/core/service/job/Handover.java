package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.DeliveryException;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.Video;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.service.media.MediaCleanup;
import dev.kisscam.core.service.media.WatchedInput;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * From a finished generation to the requester: the video is stored, the job's slot goes back to the queue,
 * and the video is handed to the frontend until it takes it. A frontend that cannot be reached now
 * ({@link DeliveryException.Unreachable}) is tried again after a growing pause, saved with the job so a
 * restart keeps it, for as long as the settings' patience; the video stays stored all that time. Only a
 * frontend that will never take it fails the job. A paid video is deleted only once delivered or given up.
 */
final class Handover {
    private static final System.Logger LOG = System.getLogger(Handover.class.getName());
    /** However long the frontend is away, it is asked again at least this often. */
    static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

    private final Jobs jobs;
    private final MediaStore media;
    private final MediaCleanup cleanup;
    private final VideoGenerator generator;
    private final Notifier notifier;
    private final RepeatRule repeats;
    private final JobObserver observer;
    private final JobFailures failures;
    private final KisscamSettings settings;
    private final Lifecycle lifecycle;

    Handover(Jobs jobs, MediaStore media, VideoGenerator generator, Notifier notifier, RepeatRule repeats,
            JobObserver observer, JobFailures failures, KisscamSettings settings, Lifecycle lifecycle) {
        this.jobs = jobs;
        this.media = media;
        this.cleanup = new MediaCleanup(media);
        this.generator = generator;
        this.notifier = notifier;
        this.repeats = repeats;
        this.observer = observer;
        this.failures = failures;
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** Stores the generated video, gives the provider slot back, then delivers. */
    void storeAndDeliver(Job job, GenerationStatus.Ready ready, GenerationSlots.Slot slot) {
        Optional<MediaStore.StoredMedia> video = store(job.id(), ready);
        if (video.isEmpty()) {
            return;
        }
        var delivering = JobState.Delivering.stored(video.get().key(), video.get().sizeBytes(), jobs.now());
        Optional<Job> moved = jobs.transition(job.id(), j -> j.withSpend(ready.spend()).withState(delivering, jobs.now()));
        if (moved.isEmpty()) {
            cleanup.deleteQuietly(video.get().key());
            return;
        }
        slot.release();
        deliver(moved.get());
    }

    private Optional<MediaStore.StoredMedia> store(JobId id, GenerationStatus.Ready ready) {
        WatchedInput watched = null;
        try (InputStream download = generator.openVideo(ready)) {
            watched = new WatchedInput(download, Long.MAX_VALUE, WatchedInput.Observer.NONE);
            return Optional.of(media.put(MediaKind.VIDEO, watched));
        } catch (VideoGenerationException e) {
            failUnlessLeaving(id, FailureCode.GENERATION_FAILED, "the video could not be downloaded: " + e.getMessage(), ready);
        } catch (MediaStoreException e) {
            boolean download = watched != null && watched.sourceFailed();
            failUnlessLeaving(id, download ? FailureCode.GENERATION_FAILED : FailureCode.STORAGE_FAILED,
                    (download ? "the video could not be downloaded: " : "the video could not be stored: ") + e.getMessage(),
                    ready);
        } catch (IOException e) {
            failUnlessLeaving(id, FailureCode.GENERATION_FAILED, "the video download broke off: " + e.getMessage(), ready);
        }
        return Optional.empty();
    }

    private void failUnlessLeaving(JobId id, FailureCode code, String detail, GenerationStatus.Ready ready) {
        if (!lifecycle.leavingJob()) {
            failures.fail(id, new Failure(code, detail), ready.spend());
        }
    }

    /** Hands a stored video over, waiting out the pause its failed attempts have earned first. */
    void deliver(Job job) {
        Instant started = jobs.now();
        Job current = job;
        while (current.state() instanceof JobState.Delivering delivering) {
            if (!waitForNextAttempt(current, delivering)) {
                return;
            }
            Optional<Job> still = jobs.current(current.id());
            if (still.isEmpty() || !(still.get().state() instanceof JobState.Delivering latest)) {
                return; // cancelled meanwhile
            }
            current = still.get();
            try {
                notifier.videoReady(current, new Video(latest.video(), latest.videoBytes(), media));
            } catch (DeliveryException.Unreachable e) {
                Optional<Job> again = unreachable(current, latest, e);
                if (again.isEmpty()) {
                    return;
                }
                current = again.get();
                continue;
            } catch (RuntimeException e) {
                if (!lifecycle.leavingJob()) {
                    LOG.log(Level.WARNING, "job " + current.id() + ": the video cannot be delivered: " + e.getMessage(), e);
                    failures.fail(current.id(), new Failure(FailureCode.DELIVERY_FAILED, String.valueOf(e.getMessage())));
                }
                return;
            }
            delivered(current, latest, started);
            return;
        }
    }

    /** False when the wait was cut short: the job was cancelled or the core stops. */
    private boolean waitForNextAttempt(Job job, JobState.Delivering delivering) {
        if (delivering.failedAttempts() == 0) {
            return true;
        }
        Duration left = Duration.between(jobs.now(), job.updatedAt().plus(pauseAfter(delivering.failedAttempts())));
        if (!left.isPositive()) {
            return true;
        }
        try {
            Thread.sleep(left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The attempt is saved, so the pause survives a restart; empty when the job ends here. */
    private Optional<Job> unreachable(Job job, JobState.Delivering delivering, DeliveryException.Unreachable e) {
        if (lifecycle.leavingJob()) {
            return Optional.empty();
        }
        Duration patience = settings.deliveryPatience();
        if (!jobs.now().isBefore(delivering.since().plus(patience))) {
            failures.fail(job.id(), new Failure(FailureCode.DELIVERY_FAILED,
                    "the requester could not be reached for " + patience + ": " + e.getMessage()));
            return Optional.empty();
        }
        int attempt = delivering.failedAttempts() + 1;
        LOG.log(Level.WARNING, "job " + job.id() + ": the frontend cannot be reached (attempt " + attempt
                + "); the video stays stored and goes again in " + pauseAfter(attempt) + ": " + e.getMessage());
        return jobs.transition(job.id(), j -> j.state() instanceof JobState.Delivering d
                ? j.withState(d.failedOnce(), jobs.now()) : null);
    }

    /** The first pause from the settings, doubling with each failed attempt, at most {@link #LONGEST_PAUSE}. */
    Duration pauseAfter(int failedAttempts) {
        Duration pause = settings.deliveryRetryPause();
        for (int i = 1; i < failedAttempts && pause.compareTo(LONGEST_PAUSE) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause;
    }

    private void delivered(Job job, JobState.Delivering delivering, Instant started) {
        observer.stage(JobObserver.Stage.DELIVERY, Duration.between(started, jobs.now()).abs());
        LOG.log(Level.INFO, "job " + job.id() + ": delivered; provider spend " + job.spentUsdTicks() + " ticks");
        jobs.finish(job.id(), new JobState.Done(jobs.now()), (before, after) -> {
            repeats.delivered(after, delivering.video());
        });
    }
}
