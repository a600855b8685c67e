package dev.kisscam.core.service;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.Usage;
import dev.kisscam.core.port.in.UsageReport;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.Quota;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/** What requesters do with their own jobs and account: cancel, retry, look at their usage, consent. */
final class ControlService implements JobControl, Usage, Consent {
    private static final System.Logger LOG = System.getLogger(ControlService.class.getName());

    private final Jobs jobs;
    private final GenerationQueue queue;
    private final Admission admission;
    private final MediaStore media;
    private final Quota quota;
    private final ConsentStore consents;
    private final Notifier notifier;
    private final StripedLocks requesterLocks;

    ControlService(Jobs jobs, GenerationQueue queue, Admission admission, MediaStore media, Quota quota,
            ConsentStore consents, Notifier notifier, StripedLocks requesterLocks) {
        this.jobs = jobs;
        this.queue = queue;
        this.admission = admission;
        this.media = media;
        this.quota = quota;
        this.consents = consents;
        this.notifier = notifier;
        this.requesterLocks = requesterLocks;
    }

    @Override
    public CancelOutcome cancel(RequesterId requester) {
        ReentrantLock lock = requesterLocks.of(requester);
        lock.lock();
        try {
            Optional<Job> target = jobs.activeOf(requester).or(() -> jobs.draftOf(requester));
            if (target.isEmpty()) {
                return new CancelOutcome.NothingToCancel();
            }
            JobId id = target.get().id();
            queue.remove(id);
            var before = new AtomicReference<JobState>();
            Optional<Job> cancelled = jobs.finish(id, new JobState.Cancelled(), (was, now) -> {
                before.set(was.state());
                queue.interrupt(id);
                deleteMedia(now, was.state());
            });
            if (cancelled.isEmpty()) {
                return new CancelOutcome.NothingToCancel();
            }
            LOG.log(Level.INFO, "job " + id + ": cancelled by " + requester + " while " + before.get());
            notifier.cancelled(cancelled.get());
            return new CancelOutcome.Cancelled(id, what(before.get()));
        } finally {
            lock.unlock();
        }
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

    private void deleteMedia(Job job, JobState before) {
        try {
            job.photoKeys().forEach(media::delete);
            if (before instanceof JobState.Delivering d) {
                media.delete(d.video());
            }
        } catch (MediaStoreException e) {
            LOG.log(Level.WARNING, "job " + job.id() + ": media left for the sweeper: " + e.getMessage());
        }
    }

    @Override
    public IntakeOutcome retry(Requester requester, JobId failedJob) {
        ReentrantLock lock = requesterLocks.of(requester.id());
        lock.lock();
        try {
            Optional<Job> found = jobs.find(failedJob).filter(j -> j.requester().id().equals(requester.id()));
            if (found.isEmpty()) {
                return refused(new Refusal.NotRetryable("no such job of this requester"));
            }
            if (!(found.get().state() instanceof JobState.Failed failed)) {
                return refused(new Refusal.NotRetryable("the job has not failed"));
            }
            if (!failed.failure().retryable()) {
                return refused(new Refusal.NotRetryable("a retry cannot mend " + failed.failure().code()));
            }
            if (admission.closed()) {
                return refused(new Refusal.ServiceUnavailable(dev.kisscam.core.domain.FailureCode.SERVICE_BUSY));
            }
            Optional<Job> active = jobs.activeOf(requester.id());
            if (active.isPresent()) {
                return refused(new Refusal.JobAlreadyActive(active.get().id()));
            }
            List<JobPhoto> photos = found.get().photos();
            if (!allStored(photos.stream().map(p -> p.photo().key()).toList())) {
                return refused(new Refusal.NotRetryable("the photos are no longer kept"));
            }
            if (!quota.tryConsume(requester.id(), jobs.now())) {
                var status = quota.status(requester.id(), jobs.now());
                return refused(new Refusal.QuotaExhausted(status.limit(), status.resetsAt()));
            }
            Job job = jobs.create(requester, photos, new JobState.Queued(), List.of());
            LOG.log(Level.INFO, "job " + job.id() + ": retry of " + failedJob);
            return admission.admit(job, false);
        } finally {
            lock.unlock();
        }
    }

    private boolean allStored(List<MediaKey> keys) {
        try {
            keys.forEach(media::size);
            return true;
        } catch (MediaStoreException.NotFound e) {
            return false;
        }
    }

    @Override
    public UsageReport usage(RequesterId requester) {
        return new UsageReport(jobs.countDelivered(requester), quota.status(requester, jobs.now()),
                jobs.activeOf(requester).map(Job::id), jobs.draftOf(requester).isPresent());
    }

    @Override
    public boolean hasConsented(RequesterId requester) {
        return consents.hasConsented(requester);
    }

    @Override
    public void giveConsent(RequesterId requester) {
        consents.recordConsent(requester, jobs.now());
    }

    private static IntakeOutcome refused(Refusal refusal) {
        return new IntakeOutcome.Refused(refusal);
    }
}
