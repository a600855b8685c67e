package dev.kisscam.core.testing;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A job store on the heap. Share one instance between two core instances to test recovery or two processes
 * working side by side; it also keeps every saved version so tests can check the order of state changes.
 * Writes and claims are serialised by one lock: simple, and the work under it never blocks.
 */
public final class InMemoryJobStore implements JobStore {
    private record Lease(String owner, Instant until) {
    }

    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final Map<JobId, Lease> leases = new HashMap<>();
    private final List<Job> history = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition saved = lock.newCondition();

    @Override
    public void save(Job job) {
        lock.lock();
        try {
            checkRules(job);
            jobs.put(job.id(), job);
            if (job.state().finished()) {
                leases.remove(job.id());
            }
            history.add(job);
            saved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkRules(Job job) {
        boolean draft = job.state() instanceof JobState.Draft;
        boolean active = job.state().active();
        if (!draft && !active) {
            return;
        }
        boolean clash = jobs.values().stream()
                .filter(other -> !other.id().equals(job.id()))
                .filter(other -> other.requester().id().equals(job.requester().id()))
                .anyMatch(other -> draft ? other.state() instanceof JobState.Draft : other.state().active());
        if (clash) {
            throw new RequesterBusy(job.requester().id());
        }
    }

    @Override
    public Optional<Job> update(JobId id, UnaryOperator<Job> change) {
        lock.lock();
        try {
            Job current = jobs.get(id);
            Job next = current == null ? null : change.apply(current);
            if (next == null) {
                return Optional.empty();
            }
            save(next);
            return Optional.of(next);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public List<Job> unfinished() {
        return jobs.values().stream()
                .filter(j -> !j.state().finished())
                .sorted(Comparator.comparingLong(Job::sequence))
                .toList();
    }

    @Override
    public List<Job> unfinishedOf(RequesterId requester) {
        return unfinished().stream().filter(j -> j.requester().id().equals(requester)).toList();
    }

    @Override
    public long countDelivered(RequesterId requester) {
        return jobs.values().stream()
                .filter(j -> j.requester().id().equals(requester))
                .filter(j -> j.state() instanceof JobState.Done)
                .count();
    }

    @Override
    public List<JobId> waiting(Instant now) {
        lock.lock();
        try {
            return unfinished().stream().filter(j -> j.state() instanceof JobState.Queued)
                    .filter(j -> free(j.id(), now)).map(Job::id).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Job> claim(Work work, String owner, Instant now, Instant until) {
        lock.lock();
        try {
            Optional<Job> claimed = unfinished().stream()
                    .filter(job -> free(job.id(), now))
                    .filter(job -> Work.of(job.state()).equals(Optional.of(work)))
                    .min(Comparator.comparing((Job job) -> job.state() instanceof JobState.Queued)
                            .thenComparingLong(Job::sequence));
            claimed.ifPresent(job -> leases.put(job.id(), new Lease(owner, until)));
            return claimed;
        } finally {
            lock.unlock();
        }
    }

    private boolean free(JobId id, Instant now) {
        Lease lease = leases.get(id);
        return lease == null || lease.until().isBefore(now);
    }

    @Override
    public Set<JobId> renew(String owner, Collection<JobId> ids, Instant until) {
        lock.lock();
        try {
            var lost = new HashSet<JobId>();
            for (JobId id : ids) {
                Lease lease = leases.get(id);
                if (lease != null && lease.owner().equals(owner)) {
                    leases.put(id, new Lease(owner, until));
                } else {
                    lost.add(id);
                }
            }
            return lost;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(String owner, JobId id) {
        lock.lock();
        try {
            leases.computeIfPresent(id, (k, lease) -> lease.owner().equals(owner) ? null : lease);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void releaseAll(String owner) {
        lock.lock();
        try {
            leases.values().removeIf(lease -> lease.owner().equals(owner));
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the states the job has been saved in so far, oldest first, are as wanted. */
    public void awaitStates(JobId id, Predicate<List<JobState>> wanted, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                List<JobState> states = history.stream().filter(job -> job.id().equals(id)).map(Job::state).toList();
                if (wanted.test(states)) {
                    return;
                }
                if (left <= 0) {
                    throw new AssertionError("the states of " + id + " never became as wanted: " + states);
                }
                left = saved.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Every version saved, oldest first. */
    public List<Job> history() {
        return List.copyOf(history);
    }

    public List<Job> all() {
        return List.copyOf(jobs.values());
    }
}
