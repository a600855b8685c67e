package dev.kisscam.core.service;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The unfinished jobs, in memory and in the job store. Every change goes through {@link #transition}, which
 * saves the new state before it returns, so whatever the caller does next happens after the state that
 * led to it is durable. Changes of one job are serialised; a finished job accepts no further change.
 */
final class Jobs {
    private final JobStore store;
    private final Clock clock;
    private final JobObserver observer;
    private final Map<JobId, Job> live = new ConcurrentHashMap<>();
    private final StripedLocks locks = new StripedLocks();
    private final AtomicLong lastSequence = new AtomicLong();

    Jobs(JobStore store, Clock clock, JobObserver observer) {
        this.store = store;
        this.clock = clock;
        this.observer = observer;
    }

    Instant now() {
        return clock.instant();
    }

    Clock clock() {
        return clock;
    }

    Job create(Requester requester, List<JobPhoto> photos, JobState state, List<Spend> spends) {
        Instant now = now();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long sequence = lastSequence.updateAndGet(previous -> Math.max(previous + 1, micros));
        var job = new Job(JobId.random(), sequence, requester, photos, state, now, now, spends);
        store.save(job);
        live.put(job.id(), job);
        return job;
    }

    /** Takes in an unfinished job found in the store after a restart. */
    void adopt(Job job) {
        lastSequence.accumulateAndGet(job.sequence(), Math::max);
        live.put(job.id(), job);
    }

    /**
     * Applies {@code change} to the job's current version and saves the result. Returns empty, changing
     * nothing, when the job has finished (or never was) or when {@code change} returns null. A change that
     * finishes the job must go through {@link #finish}.
     */
    Optional<Job> transition(JobId id, UnaryOperator<Job> change) {
        return apply(id, change, false).map(Change::after);
    }

    /** Moves the job to an unfinished {@code state} unless it has finished meanwhile. */
    Optional<Job> moveTo(JobId id, JobState state) {
        return transition(id, job -> job.withState(state, now()));
    }

    /**
     * Finishes the job as {@code change} says, saves it, then runs {@code cleanup} with the version before
     * and after (deleting media, say) and only then reports the job finished to the observer.
     */
    Optional<Job> finish(JobId id, UnaryOperator<Job> change, BiConsumer<Job, Job> cleanup) {
        Optional<Change> done = apply(id, change, true);
        done.ifPresent(c -> {
            try {
                cleanup.accept(c.before(), c.after());
            } finally {
                observer.finished(c.after());
            }
        });
        return done.map(Change::after);
    }

    Optional<Job> finish(JobId id, JobState finalState, BiConsumer<Job, Job> cleanup) {
        return finish(id, job -> job.withState(finalState, now()), cleanup);
    }

    private record Change(Job before, Job after) {
    }

    private Optional<Change> apply(JobId id, UnaryOperator<Job> change, boolean finishing) {
        var lock = locks.of(id);
        lock.lock();
        try {
            Job current = live.get(id);
            if (current == null) {
                return Optional.empty();
            }
            Job next = change.apply(current);
            if (next == null) {
                return Optional.empty();
            }
            if (next.state().finished() != finishing) {
                throw new IllegalArgumentException("job " + id + ": " + (finishing
                        ? "finish() needs a finished state, not " : "transition() cannot finish a job: ")
                        + next.state());
            }
            store.save(next);
            if (finishing) {
                live.remove(id);
            } else {
                live.put(id, next);
            }
            return Optional.of(new Change(current, next));
        } finally {
            lock.unlock();
        }
    }

    Optional<Job> current(JobId id) {
        return Optional.ofNullable(live.get(id));
    }

    Optional<Job> find(JobId id) {
        Job job = live.get(id);
        return job != null ? Optional.of(job) : store.find(id);
    }

    Optional<Job> activeOf(RequesterId requester) {
        return live.values().stream()
                .filter(j -> j.requester().id().equals(requester) && j.state().active())
                .findFirst();
    }

    Optional<Job> draftOf(RequesterId requester) {
        return live.values().stream()
                .filter(j -> j.requester().id().equals(requester) && j.state() instanceof JobState.Draft)
                .findFirst();
    }

    Collection<Job> unfinished() {
        return List.copyOf(live.values());
    }

    long countDelivered(RequesterId requester) {
        return store.countDelivered(requester);
    }
}
