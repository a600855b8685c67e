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

/**
 * A job store on the heap. Share one instance between two core instances to test recovery; it also keeps
 * every saved version so tests can check the order of state changes.
 */
public final class InMemoryJobStore implements JobStore {
    private final Map<JobId, Job> jobs = new ConcurrentHashMap<>();
    private final List<Job> history = new CopyOnWriteArrayList<>();

    @Override
    public void save(Job job) {
        jobs.put(job.id(), job);
        history.add(job);
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
