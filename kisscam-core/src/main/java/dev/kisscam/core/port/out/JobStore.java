package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.RequesterId;
import java.util.List;
import java.util.Optional;

/**
 * Where jobs live across restarts. A save that returns is durable: the core saves every state change
 * before the side effect that follows it, so a crash at any moment leaves a state it can resume from.
 */
public interface JobStore {

    /** Inserts or replaces the job with this id, durably. */
    void save(Job job);

    Optional<Job> find(JobId id);

    /** Every job that has not finished, in the order of {@link Job#sequence()}. */
    List<Job> unfinished();

    /** How many jobs of this requester ended with a delivered video, within the store's retention. */
    long countDelivered(RequesterId requester);
}
