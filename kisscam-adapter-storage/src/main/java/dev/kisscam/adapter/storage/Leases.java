package dev.kisscam.adapter.storage;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.out.JobStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** Which process holds which unfinished job until when, for a store whose jobs are in memory. */
final class Leases {
    private record Lease(String owner, Instant until) {
    }

    private final Map<JobId, Lease> held = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    boolean free(JobId id, Instant now) {
        lock.lock();
        try {
            Lease lease = held.get(id);
            return lease == null || lease.until().isBefore(now);
        } finally {
            lock.unlock();
        }
    }

    /** The claimable job of {@code work} that goes first: a paid generation before the oldest queued job. */
    Optional<Job> claim(List<Job> unfinished, JobStore.Work work, String owner, Instant now, Instant until) {
        lock.lock();
        try {
            Optional<Job> claimed = unfinished.stream()
                    .filter(job -> work.equals(kind(job.state())))
                    .filter(job -> free(job.id(), now))
                    .min(Comparator.comparing((Job job) -> job.state() instanceof JobState.Queued)
                            .thenComparingLong(Job::sequence));
            claimed.ifPresent(job -> held.put(job.id(), new Lease(owner, until)));
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    Set<JobId> renew(String owner, Collection<JobId> ids, Instant until, Predicate<JobId> unfinished) {
        lock.lock();
        try {
            var lost = new HashSet<JobId>();
            for (JobId id : ids) {
                Lease lease = held.get(id);
                if (lease != null && lease.owner().equals(owner) && unfinished.test(id)) {
                    held.put(id, new Lease(owner, until));
                } else {
                    lost.add(id);
                }
            }
            return lost;
        } finally {
            lock.unlock();
        }
    }

    void release(String owner, JobId id) {
        lock.lock();
        try {
            held.computeIfPresent(id, (key, lease) -> lease.owner().equals(owner) ? null : lease);
        } finally {
            lock.unlock();
        }
    }

    void releaseAll(String owner) {
        lock.lock();
        try {
            held.values().removeIf(lease -> lease.owner().equals(owner));
        } finally {
            lock.unlock();
        }
    }

    private static JobStore.Work kind(JobState state) {
        return switch (state) {
            case JobState.Queued q -> JobStore.Work.GENERATION;
            case JobState.Generating g -> JobStore.Work.GENERATION;
            case JobState.Delivering d -> JobStore.Work.DELIVERY;
            case JobState.Submitting s -> JobStore.Work.INTERRUPTED_SUBMISSION;
            case JobState.Draft d -> null;
            case JobState.Done d -> null;
            case JobState.Failed f -> null;
            case JobState.Cancelled c -> null;
            case JobState.Expired e -> null;
        };
    }
}
