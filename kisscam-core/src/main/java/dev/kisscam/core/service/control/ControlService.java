package dev.kisscam.core.service.control;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.RestyleOutcome;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.service.job.Admission;
import dev.kisscam.core.service.job.Charges;
import dev.kisscam.core.service.job.Dispatcher;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.Lifecycle;
import dev.kisscam.core.service.job.Notifier;
import dev.kisscam.core.service.job.RepeatRule;
import dev.kisscam.core.service.job.RequesterLocks;
import dev.kisscam.core.service.job.Directions;
import dev.kisscam.core.service.media.MediaCleanup;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/** What requesters do with their own jobs: cancel one, or retry one that failed. */
public final class ControlService implements JobControl {
    private static final System.Logger LOG = System.getLogger(ControlService.class.getName());

    private final Jobs jobs;
    private final Dispatcher dispatcher;
    private final Admission admission;
    private final Charges charges;
    private final RepeatRule repeats;
    private final Directions directions;
    private final MediaStore media;
    private final Notifier notifier;
    private final RequesterLocks locks;
    private final Lifecycle lifecycle;

    public ControlService(Jobs jobs, Dispatcher dispatcher, Admission admission, Charges charges, RepeatRule repeats,
            Directions directions, MediaStore media, Notifier notifier, RequesterLocks locks, Lifecycle lifecycle) {
        this.repeats = repeats;
        this.directions = directions;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.admission = admission;
        this.charges = charges;
        this.media = media;
        this.notifier = notifier;
        this.locks = locks;
        this.lifecycle = lifecycle;
    }

    @Override
    public CancelOutcome cancel(RequesterId requester) {
        ReentrantLock lock = locks.of(requester);
        lock.lock();
        try {
            Optional<Job> target = jobs.activeOf(requester).or(() -> jobs.draftOf(requester));
            return target.isEmpty() ? new CancelOutcome.NothingToCancel() : cancelLocked(requester, target.get().id());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CancelOutcome cancel(RequesterId requester, JobId job) {
        ReentrantLock lock = locks.of(requester);
        lock.lock();
        try {
            boolean theirs = jobs.current(job).filter(j -> j.requester().id().equals(requester)).isPresent();
            return theirs ? cancelLocked(requester, job) : new CancelOutcome.NothingToCancel();
        } finally {
            lock.unlock();
        }
    }

    /** Under the requester's lock. */
    private CancelOutcome cancelLocked(RequesterId requester, JobId id) {
        var before = new AtomicReference<JobState>();
        var cleanup = new MediaCleanup(media);
        Optional<Job> cancelled = jobs.finish(id, new JobState.Cancelled(), (was, now) -> {
            before.set(was.state());
            dispatcher.interrupt(id);
            cleanup.deleteQuietly(now.photoKeys());
            if (was.state() instanceof JobState.Delivering d) {
                cleanup.deleteQuietly(d.video());
            }
            if (was.state() instanceof JobState.Queued) {
                // Cancelled before anything was paid for it: the video it was charged goes back.
                charges.refundVideo(requester);
            }
        });
        if (cancelled.isEmpty()) {
            return new CancelOutcome.NothingToCancel();
        }
        LOG.log(Level.INFO, "job " + id + ": cancelled by " + requester + " while " + before.get());
        notifier.cancelled(cancelled.get());
        return new CancelOutcome.Cancelled(id, what(before.get()));
    }

    private static CancelOutcome.What what(JobState state) {
        return switch (state) {
            case JobState.Draft d -> CancelOutcome.What.DRAFT;
            case JobState.Queued q -> CancelOutcome.What.QUEUED_JOB;
            case JobState.Submitting s -> CancelOutcome.What.RUNNING_JOB;
            case JobState.Generating g -> CancelOutcome.What.RUNNING_JOB;
            case JobState.Delivering d -> CancelOutcome.What.RUNNING_JOB;
            case JobState.Done d -> throw new IllegalArgumentException("a finished job cannot be cancelled");
            case JobState.Failed f -> throw new IllegalArgumentException("a finished job cannot be cancelled");
            case JobState.Cancelled c -> throw new IllegalArgumentException("a finished job cannot be cancelled");
            case JobState.Expired e -> throw new IllegalArgumentException("a finished job cannot be cancelled");
        };
    }

    @Override
    public RestyleOutcome restyle(RequesterId requester, JobId job, VideoStyle style) {
        if (!directions.offers(style)) {
            return new RestyleOutcome.UnknownStyle(style);
        }
        ReentrantLock lock = locks.of(requester);
        lock.lock();
        try {
            Optional<Job> theirs = jobs.current(job).filter(j -> j.requester().id().equals(requester));
            if (theirs.isEmpty()) {
                return new RestyleOutcome.NoSuchJob();
            }
            // Only a job that has not reached the provider yet can change how it is made.
            Optional<Job> restyled = jobs.transition(job, j -> j.state() instanceof JobState.Queued
                    || j.state() instanceof JobState.Draft ? j.withDirection(j.direction().withStyle(style), jobs.now()) : null);
            if (restyled.isEmpty()) {
                return new RestyleOutcome.TooLate(job);
            }
            LOG.log(Level.INFO, "job " + job + ": restyled as " + style);
            return new RestyleOutcome.Restyled(job, style);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public IntakeOutcome anotherTake(Requester requester, JobId deliveredJob, Optional<VideoStyle> style) {
        if (style.isPresent() && !directions.offers(style.get())) {
            return new IntakeOutcome.Refused(new Refusal.UnknownStyle(style.get()));
        }
        ReentrantLock lock = locks.of(requester.id());
        lock.lock();
        try {
            Optional<Job> delivered = jobs.find(deliveredJob)
                    .filter(j -> j.requester().id().equals(requester.id()) && j.state() instanceof JobState.Done);
            if (delivered.isEmpty()) {
                return new IntakeOutcome.Refused(new Refusal.NotRetryable("no delivered video of this requester"));
            }
            Optional<Refusal> busy = anotherJobRefusal(requester);
            if (busy.isPresent()) {
                return new IntakeOutcome.Refused(busy.get());
            }
            Optional<List<JobPhoto>> photos = repeats.photosForAnotherTake(delivered.get());
            if (photos.isEmpty()) {
                return new IntakeOutcome.Refused(new Refusal.NotRetryable("the photos are no longer kept"));
            }
            Optional<Refusal> noQuota = charges.chargeVideo(requester.id());
            if (noQuota.isPresent()) {
                new MediaCleanup(media).deleteQuietly(photos.get().stream().map(p -> p.photo().key()).toList());
                return new IntakeOutcome.Refused(noQuota.get());
            }
            var direction = style.map(delivered.get().direction()::withStyle).orElse(delivered.get().direction());
            Optional<Job> job = createCharged(requester, photos.get(), direction);
            if (job.isEmpty()) {
                new MediaCleanup(media).deleteQuietly(photos.get().stream().map(p -> p.photo().key()).toList());
                return new IntakeOutcome.Refused(busyRefusal(requester));
            }
            LOG.log(Level.INFO, "job " + job.get().id() + ": another take of " + deliveredJob + " in " + direction.style());
            return admission.admit(job.get(), false);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Creates the queued job its requester was just charged for; empty, with the charge refunded, when another
     * process began a job of theirs a moment ago.
     */
    private Optional<Job> createCharged(Requester requester, List<JobPhoto> photos, Direction direction) {
        try {
            return Optional.of(jobs.create(requester, photos, new JobState.Queued(), List.of(), direction));
        } catch (JobStore.RequesterBusy busy) {
            charges.refundVideo(requester.id());
            return Optional.empty();
        }
    }

    private Refusal busyRefusal(Requester requester) {
        return jobs.activeOf(requester.id()).<Refusal>map(active -> new Refusal.JobAlreadyActive(active.id()))
                .orElse(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
    }

    /** Why no new job of this requester can start now: the core stops, or another of theirs runs. */
    private Optional<Refusal> anotherJobRefusal(Requester requester) {
        if (lifecycle.stopping()) {
            return Optional.of(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        }
        return jobs.activeOf(requester.id()).map(active -> new Refusal.JobAlreadyActive(active.id()));
    }

    @Override
    public IntakeOutcome retry(Requester requester, JobId failedJob) {
        ReentrantLock lock = locks.of(requester.id());
        lock.lock();
        try {
            Optional<Refusal> refusal = retryRefusal(requester, failedJob);
            if (refusal.isPresent()) {
                return new IntakeOutcome.Refused(refusal.get());
            }
            Job found = jobs.find(failedJob).orElseThrow();
            Optional<Job> job = createCharged(requester, found.photos(), found.direction());
            if (job.isEmpty()) {
                return new IntakeOutcome.Refused(busyRefusal(requester));
            }
            LOG.log(Level.INFO, "job " + job.get().id() + ": retry of " + failedJob);
            return admission.admit(job.get(), false);
        } finally {
            lock.unlock();
        }
    }

    /** Why the job cannot be retried now; empty when it can, with its quota charged. */
    private Optional<Refusal> retryRefusal(Requester requester, JobId failedJob) {
        Optional<Job> found = jobs.find(failedJob).filter(j -> j.requester().id().equals(requester.id()));
        if (found.isEmpty()) {
            return Optional.of(new Refusal.NotRetryable("no such job of this requester"));
        }
        if (!(found.get().state() instanceof JobState.Failed failed)) {
            return Optional.of(new Refusal.NotRetryable("the job has not failed"));
        }
        if (!failed.failure().retryable()) {
            return Optional.of(new Refusal.NotRetryable("a retry cannot mend " + failed.failure().code()));
        }
        Optional<Refusal> busy = anotherJobRefusal(requester);
        if (busy.isPresent()) {
            return busy;
        }
        if (!allStored(found.get().photoKeys())) {
            return Optional.of(new Refusal.NotRetryable("the photos are no longer kept"));
        }
        return charges.chargeVideo(requester.id());
    }

    private boolean allStored(List<MediaKey> keys) {
        try {
            keys.forEach(media::size);
            return true;
        } catch (MediaStoreException.NotFound e) {
            return false;
        }
    }
}
