package dev.kisscam.core.service.intake;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.Notifier;
import dev.kisscam.core.service.job.RequesterLocks;
import dev.kisscam.core.service.media.MediaCleanup;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Ends drafts whose second photo never came, deletes their photo and tells the requester. */
public final class DraftExpiry {
    private static final System.Logger LOG = System.getLogger(DraftExpiry.class.getName());

    private final Jobs jobs;
    private final MediaCleanup cleanup;
    private final Notifier notifier;
    private final RequesterLocks locks;

    public DraftExpiry(Jobs jobs, MediaCleanup cleanup, Notifier notifier, RequesterLocks locks) {
        this.jobs = jobs;
        this.cleanup = cleanup;
        this.notifier = notifier;
        this.locks = locks;
    }

    /** Expires every draft that is due now; returns how many. */
    public int expireDue() {
        int expired = 0;
        for (Job job : jobs.unfinished()) {
            if (job.state() instanceof JobState.Draft d && !jobs.now().isBefore(d.expiresAt()) && expire(job)) {
                expired++;
            }
        }
        return expired;
    }

    private boolean expire(Job draft) {
        ReentrantLock lock = locks.of(draft.requester().id());
        lock.lock();
        try {
            Instant now = jobs.now();
            Optional<Job> expired = jobs.finish(draft.id(), j -> j.state() instanceof JobState.Draft d
                    && !now.isBefore(d.expiresAt()) ? j.withState(new JobState.Expired(), now) : null,
                    (before, after) -> cleanup.deleteQuietly(after.photoKeys()));
            if (expired.isEmpty()) {
                return false;
            }
            LOG.log(Level.INFO, "job " + draft.id() + ": draft expired");
            notifier.draftExpired(draft.requester());
            return true;
        } finally {
            lock.unlock();
        }
    }
}
