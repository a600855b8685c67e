package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.port.out.Video;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.service.media.MediaCleanup;
import dev.kisscam.core.service.media.WatchedInput;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one admitted job to its end on the calling (virtual) thread: submit, persist the ticket, poll until
 * the provider finishes, store the video, hand it over, clean up. It picks up wherever the persisted state
 * says, so a restarted program resumes a job the same way; a job holding a ticket is only ever polled.
 * A cancelled job stops at its next step; a shutdown leaves the state as persisted.
 */
public final class JobRunner implements Consumer<JobId> {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());

    private final Jobs jobs;
    private final MediaStore media;
    private final MediaCleanup cleanup;
    private final VideoGenerator generator;
    private final Notifier notifier;
    private final RepeatRule repeats;
    private final JobObserver observer;
    private final int maxResubmissions;
    private final Lifecycle lifecycle;

    public JobRunner(Jobs jobs, MediaStore media, VideoGenerator generator, Notifier notifier, RepeatRule repeats,
            JobObserver observer, KisscamSettings settings, Lifecycle lifecycle) {
        this.jobs = jobs;
        this.media = media;
        this.cleanup = new MediaCleanup(media);
        this.generator = generator;
        this.notifier = notifier;
        this.repeats = repeats;
        this.observer = observer;
        this.maxResubmissions = settings.maxResubmissions();
        this.lifecycle = lifecycle;
    }

    @Override
    public void accept(JobId id) {
        Optional<Job> found = jobs.current(id);
        if (found.isEmpty()) {
            return; // cancelled while it waited
        }
        Job job = found.get();
        try {
            switch (job.state()) {
                case JobState.Queued q -> submit(job, 1);
                case JobState.Generating g -> follow(job, g, -1);
                case JobState.Delivering d -> deliver(job, d);
                case JobState.Draft d -> LOG.log(Level.ERROR, "job " + id + ": a draft was queued");
                case JobState.Submitting s -> LOG.log(Level.ERROR, "job " + id + ": a submitting job was queued");
                case JobState.Done d -> { }
                case JobState.Failed f -> { }
                case JobState.Cancelled c -> { }
                case JobState.Expired e -> { }
            }
        } catch (JobStoreException e) {
            LOG.log(Level.ERROR, "job " + id + ": the job store failed; the job resumes from its last saved state"
                    + " after a restart: " + e.getMessage(), e);
            if (!lifecycle.leavingJob()) {
                notifier.failed(job, new Failure(FailureCode.STORAGE_FAILED, e.getMessage()));
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "job " + id + ": unexpected failure", e);
            if (!lifecycle.leavingJob()) {
                fail(id, new Failure(FailureCode.INTERNAL_ERROR, String.valueOf(e)));
            }
        }
    }

    private void submit(Job job, int attempt) {
        JobId id = job.id();
        if (jobs.moveTo(id, new JobState.Submitting(attempt)).isEmpty()) {
            return;
        }
        notifier.progress(job, 0);
        GenerationTicket ticket;
        try {
            ticket = generator.submit(new GenerationRequest(id, job.requester().id(), job.photos()), media);
        } catch (VideoGenerationException e) {
            if (!lifecycle.leavingJob()) {
                LOG.log(Level.WARNING, "job " + id + ": submission " + attempt + " failed: " + e.getMessage());
                fail(id, new Failure(codeFor(e), e.getMessage()));
            }
            return;
        } catch (MediaStoreException e) {
            if (!lifecycle.leavingJob()) {
                fail(id, new Failure(FailureCode.STORAGE_FAILED, e.getMessage()));
            }
            return;
        }
        LOG.log(Level.INFO, "job " + id + ": submitted (attempt " + attempt + "), ticket " + ticket);
        var generating = new JobState.Generating(ticket, attempt, jobs.now());
        Optional<Job> moved = jobs.moveTo(id, generating);
        if (moved.isEmpty()) {
            LOG.log(Level.INFO, "job " + id + ": cancelled during submission; ticket " + ticket + " abandoned");
            return;
        }
        follow(moved.get(), generating, 0);
    }

    /** {@code toldProgress} is what the requester last heard: 0 after a submission, -1 after a restart. */
    private void follow(Job job, JobState.Generating generating, int toldProgress) {
        JobId id = job.id();
        PollingPolicy policy = generator.pollingPolicy();
        Instant deadline = generating.submittedAt().plus(policy.timeout());
        int lastProgress = toldProgress;
        while (!Thread.currentThread().isInterrupted() && jobs.current(id).isPresent()) {
            if (!jobs.now().isBefore(deadline)) {
                fail(id, new Failure(FailureCode.GENERATION_TIMED_OUT, "no result within " + policy.timeout()));
                return;
            }
            GenerationStatus status;
            try {
                status = generator.poll(generating.ticket());
            } catch (VideoGenerationException e) {
                if (lifecycle.leavingJob()) {
                    return;
                }
                if (e.fault() == ProviderFault.ACCESS_DENIED) {
                    fail(id, new Failure(FailureCode.SERVICE_NOT_AVAILABLE, e.getMessage()));
                    return;
                }
                // The generation is paid for: a failing poll is tried again until the deadline.
                LOG.log(Level.WARNING, "job " + id + ": poll failed, trying again: " + e.getMessage());
                if (!pause(policy.interval())) {
                    return;
                }
                continue;
            }
            switch (status) {
                case GenerationStatus.Pending p -> {
                    if (p.progress() > lastProgress) {
                        lastProgress = p.progress();
                        notifier.progress(job, p.progress());
                    }
                    if (!pause(policy.interval())) {
                        return;
                    }
                }
                case GenerationStatus.Ready r -> {
                    spent(r.spend());
                    observer.stage(JobObserver.Stage.GENERATION, since(generating.submittedAt()));
                    storeAndDeliver(job, r);
                    return;
                }
                case GenerationStatus.Blocked b -> {
                    spent(b.spend());
                    fail(id, new Failure(FailureCode.MODERATION_BLOCKED, b.detail()), b.spend());
                    return;
                }
                case GenerationStatus.Failed f -> {
                    spent(f.spend());
                    retryOrFail(job, generating, f);
                    return;
                }
            }
        }
    }

    private void retryOrFail(Job job, JobState.Generating generating, GenerationStatus.Failed failed) {
        String detail = failed.code() + ": " + failed.message();
        if (failed.transientFailure() && generating.attempt() <= maxResubmissions) {
            LOG.log(Level.WARNING, "job " + job.id() + ": the provider failed transiently (" + detail + "); submitting again");
            Optional<Job> withSpend = jobs.transition(job.id(), j -> j.withSpend(failed.spend()));
            withSpend.ifPresent(j -> submit(j, generating.attempt() + 1));
            return;
        }
        var code = failed.expired() ? FailureCode.GENERATION_EXPIRED : FailureCode.GENERATION_FAILED;
        fail(job.id(), new Failure(code, detail), failed.spend());
    }

    private void storeAndDeliver(Job job, GenerationStatus.Ready ready) {
        MediaStore.StoredMedia video;
        WatchedInput watched = null;
        try (InputStream download = generator.openVideo(ready)) {
            watched = new WatchedInput(download, Long.MAX_VALUE, WatchedInput.Observer.NONE);
            video = media.put(MediaKind.VIDEO, watched);
        } catch (VideoGenerationException e) {
            failUnlessStopping(job.id(), FailureCode.GENERATION_FAILED, "the video could not be downloaded: " + e.getMessage(), ready.spend());
            return;
        } catch (MediaStoreException e) {
            boolean download = watched != null && watched.sourceFailed();
            failUnlessStopping(job.id(), download ? FailureCode.GENERATION_FAILED : FailureCode.STORAGE_FAILED,
                    (download ? "the video could not be downloaded: " : "the video could not be stored: ") + e.getMessage(),
                    ready.spend());
            return;
        } catch (IOException e) {
            failUnlessStopping(job.id(), FailureCode.GENERATION_FAILED, "the video download broke off: " + e.getMessage(), ready.spend());
            return;
        }
        var delivering = JobState.Delivering.stored(video.key(), video.sizeBytes(), jobs.now());
        Optional<Job> moved = jobs.transition(job.id(), j -> j.withSpend(ready.spend()).withState(delivering, jobs.now()));
        if (moved.isEmpty()) {
            cleanup.deleteQuietly(video.key());
            return;
        }
        deliver(moved.get(), delivering);
    }

    private void deliver(Job job, JobState.Delivering delivering) {
        Instant started = jobs.now();
        try {
            notifier.videoReady(job, new Video(delivering.video(), delivering.videoBytes(), media));
        } catch (RuntimeException e) {
            if (!lifecycle.leavingJob()) {
                LOG.log(Level.WARNING, "job " + job.id() + ": the video could not be delivered: " + e.getMessage(), e);
                fail(job.id(), new Failure(FailureCode.DELIVERY_FAILED, String.valueOf(e.getMessage())));
            }
            return;
        }
        observer.stage(JobObserver.Stage.DELIVERY, since(started));
        LOG.log(Level.INFO, "job " + job.id() + ": delivered; provider spend " + job.spentUsdTicks() + " ticks");
        jobs.finish(job.id(), new JobState.Done(jobs.now()), (before, after) -> {
            cleanup.deleteQuietly(after.photoKeys());
            repeats.delivered(after, delivering.video());
        });
    }

    private void failUnlessStopping(JobId id, FailureCode code, String detail, Spend spend) {
        if (!lifecycle.leavingJob()) {
            fail(id, new Failure(code, detail), spend);
        }
    }

    private void fail(JobId id, Failure failure) {
        fail(id, failure, null);
    }

    /** Ends the job as failed (with what it cost), tells the requester, and drops media a retry cannot use. */
    public void fail(JobId id, Failure failure, Spend spend) {
        Optional<Job> failed = jobs.finish(id, j -> {
            Job charged = spend == null ? j : j.withSpend(spend);
            return charged.withState(new JobState.Failed(failure), jobs.now());
        }, (before, after) -> {
            if (before.state() instanceof JobState.Delivering d) {
                cleanup.deleteQuietly(d.video());
            }
            if (!failure.retryable()) {
                cleanup.deleteQuietly(after.photoKeys());
            }
        });
        failed.ifPresent(job -> {
            LOG.log(Level.WARNING, "job " + id + ": failed, " + failure.code() + ": " + failure.detail());
            notifier.failed(job, failure);
        });
    }

    private void spent(Spend spend) {
        if (spend.usdTicks() > 0) {
            observer.spent(spend);
        }
    }

    private static FailureCode codeFor(VideoGenerationException e) {
        return switch (e.fault()) {
            case UNAVAILABLE -> FailureCode.SERVICE_BUSY;
            case ACCESS_DENIED -> FailureCode.SERVICE_NOT_AVAILABLE;
            case SUBMISSION_UNCONFIRMED -> FailureCode.SUBMISSION_UNCONFIRMED;
            case INVALID_RESPONSE, REJECTED_INPUT -> FailureCode.GENERATION_FAILED;
        };
    }

    /** Waits between polls; false when interrupted (cancel or shutdown), with the interrupt kept. */
    private static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Duration since(Instant start) {
        return Duration.between(start, jobs.now()).abs();
    }
}
