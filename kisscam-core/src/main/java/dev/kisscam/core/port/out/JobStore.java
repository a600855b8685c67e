package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.RequesterId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where jobs live across restarts, and the one place the core asks what state a job is in. A save that
 * returns is durable: the core saves every state change before the side effect that follows it, so a crash
 * at any moment leaves a state it can resume from.
 */
public interface JobStore {

    /** Inserts or replaces the job with this id, durably. */
    void save(Job job);

    /**
     * Reads the job's current version, applies {@code change} and saves what it returns, durably, as one
     * step: changes of one job never interleave. Returns the saved version, or empty (saving nothing) when
     * there is no such job or {@code change} returns null.
     */
    Optional<Job> update(JobId id, UnaryOperator<Job> change);

    Optional<Job> find(JobId id);

    /** Every job that has not finished, in the order of {@link Job#sequence()}. */
    List<Job> unfinished();

    /** The requester's jobs that have not finished (a draft, an active job, or both), oldest first. */
    List<Job> unfinishedOf(RequesterId requester);

    /** How many jobs of this requester ended with a delivered video, within the store's retention. */
    long countDelivered(RequesterId requester);
}
