package dev.kisscam.core.service.control;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.service.job.Admission;
import dev.kisscam.core.service.job.Charges;
import dev.kisscam.core.service.job.Dispatcher;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.Lifecycle;
import dev.kisscam.core.service.job.Notifier;
import dev.kisscam.core.service.job.RequesterLocks;
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
    private final MediaStore media;
    private final Notifier notifier;
    private final RequesterLocks locks;
    private final Lifecycle lifecycle;

    public ControlService(Jobs jobs, Dispatcher dispatcher, Admission admission, Charges charges, MediaStore media,
            Notifier notifier, RequesterLocks locks, Lifecycle lifecycle) {
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
    public IntakeOutcome retry(Requester requester, JobId failedJob) {
        ReentrantLock lock = locks.of(requester.id());
        lock.lock();
        try {
            Optional<Refusal> refusal = retryRefusal(requester, failedJob);
            if (refusal.isPresent()) {
                return new IntakeOutcome.Refused(refusal.get());
            }
            List<JobPhoto> photos = jobs.find(failedJob).orElseThrow().photos();
            Job job;
            try {
                job = jobs.create(requester, photos, new JobState.Queued(), List.of());
            } catch (JobStore.RequesterBusy busy) {
                // Another process began a job of theirs a moment ago.
                charges.refundVideo(requester.id());
                return new IntakeOutcome.Refused(jobs.activeOf(requester.id())
                        .<Refusal>map(active -> new Refusal.JobAlreadyActive(active.id()))
                        .orElse(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY)));
            }
            LOG.log(Level.INFO, "job " + job.id() + ": retry of " + failedJob);
            return admission.admit(job, false);
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
        if (lifecycle.stopping()) {
            return Optional.of(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        }
        Optional<Job> active = jobs.activeOf(requester.id());
        if (active.isPresent()) {
            return Optional.of(new Refusal.JobAlreadyActive(active.get().id()));
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
