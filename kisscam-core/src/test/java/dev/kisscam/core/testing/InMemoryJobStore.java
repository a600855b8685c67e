package dev.kisscam.core.testing;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * A job store on the heap. Share one instance between two core instances to test recovery; it also keeps
 * every saved version so tests can check the order of state changes. Updates are serialised by one lock:
 * simple, and the in-memory work under it never blocks.
 */
public final class InMemoryJobStore implements JobStore {
    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final List<Job> history = new CopyOnWriteArrayList<>();
    private final ReentrantLock updates = new ReentrantLock();

    @Override
    public void save(Job job) {
        jobs.put(job.id(), job);
        history.add(job);
    }

    @Override
    public Optional<Job> update(JobId id, UnaryOperator<Job> change) {
        updates.lock();
        try {
            Job current = jobs.get(id);
            Job next = current == null ? null : change.apply(current);
            if (next == null) {
                return Optional.empty();
            }
            save(next);
            return Optional.of(next);
        } finally {
            updates.unlock();
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

    /** Every version saved, oldest first. */
    public List<Job> history() {
        return List.copyOf(history);
    }

    public List<Job> all() {
        return List.copyOf(jobs.values());
    }
}
