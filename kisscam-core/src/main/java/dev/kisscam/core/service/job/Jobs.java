package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Direction;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * The core's rules for changing a job, over the {@link JobStore} that holds them. Every change goes through
 * {@link #transition} or {@link #finish}, which save the new state before they return, so whatever the caller
 * does next happens after the state that led to it is durable. A finished job accepts no further change. The
 * store is the only copy: nothing here caches a job.
 */
public final class Jobs {
    private final JobStore store;
    private final Clock clock;
    private final JobObserver observer;
    private final AtomicLong lastSequence = new AtomicLong();

    public Jobs(JobStore store, Clock clock, JobObserver observer) {
        this.store = store;
        this.clock = clock;
        this.observer = observer;
    }

    public Instant now() {
        return clock.instant();
    }

    public Job create(Requester requester, List<JobPhoto> photos, JobState state, List<Spend> spends,
            Direction direction) {
        Instant now = now();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        long sequence = lastSequence.updateAndGet(previous -> Math.max(previous + 1, micros));
        var job = new Job(JobId.random(), sequence, requester, photos, state, now, now, spends, direction);
        store.save(job);
        observer.saved(job);
        return job;
    }

    /** New jobs are numbered after {@code job}, found in the store at start, even if the clock went back. */
    public void numberAfter(Job job) {
        lastSequence.accumulateAndGet(job.sequence(), Math::max);
    }

    /**
     * Applies {@code change} to the job's current version and saves the result. Returns empty, changing
     * nothing, when the job has finished (or never was) or when {@code change} returns null. A change that
     * finishes the job must go through {@link #finish}.
     */
    public Optional<Job> transition(JobId id, UnaryOperator<Job> change) {
        return apply(id, change, false, new AtomicReference<>());
    }

    /** Moves the job to an unfinished {@code state} unless it has finished meanwhile. */
    public Optional<Job> moveTo(JobId id, JobState state) {
        return transition(id, job -> job.withState(state, now()));
    }

    /**
     * Finishes the job as {@code change} says, saves it, then runs {@code cleanup} with the version before
     * and after (deleting media, say) and only then reports the job finished to the observer.
     */
    public Optional<Job> finish(JobId id, UnaryOperator<Job> change, BiConsumer<Job, Job> cleanup) {
        var before = new AtomicReference<Job>();
        Optional<Job> done = apply(id, change, true, before);
        done.ifPresent(after -> {
            try {
                cleanup.accept(before.get(), after);
            } finally {
                observer.finished(after);
            }
        });
        return done;
    }

    public Optional<Job> finish(JobId id, JobState finalState, BiConsumer<Job, Job> cleanup) {
        return finish(id, job -> job.withState(finalState, now()), cleanup);
    }

    private Optional<Job> apply(JobId id, UnaryOperator<Job> change, boolean finishing, AtomicReference<Job> before) {
        Optional<Job> saved = store.update(id, current -> {
            if (current.state().finished()) {
                return null;
            }
            Job next = change.apply(current);
            if (next == null) {
                return null;
            }
            if (next.state().finished() != finishing) {
                throw new IllegalArgumentException("job " + id + ": " + (finishing
                        ? "finish() needs a finished state, not " : "transition() cannot finish a job: ")
                        + next.state());
            }
            before.set(current);
            return next;
        });
        saved.ifPresent(observer::saved);
        return saved;
    }

    /** The job, if it has not finished. */
    public Optional<Job> current(JobId id) {
        return store.find(id).filter(job -> !job.state().finished());
    }

    public Optional<Job> find(JobId id) {
        return store.find(id);
    }

    /** The requester's queued, generating or delivering job: the one-active-job rule allows one. */
    public Optional<Job> activeOf(RequesterId requester) {
        return store.unfinishedOf(requester).stream().filter(j -> j.state().active()).findFirst();
    }

    public Optional<Job> draftOf(RequesterId requester) {
        return store.unfinishedOf(requester).stream().filter(j -> j.state() instanceof JobState.Draft).findFirst();
    }

    public List<Job> unfinished() {
        return store.unfinished();
    }

    public long countDelivered(RequesterId requester) {
        return store.countDelivered(requester);
    }
}
