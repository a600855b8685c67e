package dev.kisscam.core.service;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Ends drafts whose second photo never came, deletes their photo and tells the requester. */
final class DraftExpiry {
    private static final System.Logger LOG = System.getLogger(DraftExpiry.class.getName());

    private final Jobs jobs;
    private final MediaStore media;
    private final Notifier notifier;
    private final StripedLocks requesterLocks;

    DraftExpiry(Jobs jobs, MediaStore media, Notifier notifier, StripedLocks requesterLocks) {
        this.jobs = jobs;
        this.media = media;
        this.notifier = notifier;
        this.requesterLocks = requesterLocks;
    }

    /** Expires every draft that is due now; returns how many. */
    int expireDue() {
        int expired = 0;
        for (Job job : jobs.unfinished()) {
            if (job.state() instanceof JobState.Draft d && !jobs.now().isBefore(d.expiresAt()) && expire(job)) {
                expired++;
            }
        }
        return expired;
    }

    private void deletePhotos(Job draft) {
        try {
            draft.photoKeys().forEach(media::delete);
        } catch (MediaStoreException e) {
            LOG.log(Level.WARNING, "job " + draft.id() + ": photo left for the sweeper: " + e.getMessage());
        }
    }

    private boolean expire(Job draft) {
        ReentrantLock lock = requesterLocks.of(draft.requester().id());
        lock.lock();
        try {
            Instant now = jobs.now();
            Optional<Job> expired = jobs.finish(draft.id(), j -> j.state() instanceof JobState.Draft d
                    && !now.isBefore(d.expiresAt()) ? j.withState(new JobState.Expired(), now) : null,
                    (before, after) -> deletePhotos(after));
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
