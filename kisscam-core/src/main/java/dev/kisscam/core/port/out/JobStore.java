package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Where jobs live across restarts, and the one place the core asks what state a job is in; several
 * processes may share one store. A save that returns is durable: the core saves every state change before
 * the side effect that follows it, so a crash at any moment leaves a state it can resume from.
 *
 * <p>The store keeps two rules for every process that shares it: a requester has at most one active job
 * (queued, submitting, generating or delivering) and at most one draft; a save or update that would break
 * one throws {@link RequesterBusy}. And it hands out work: a process {@link #claim claims} a job for a while
 * (a lease it renews); a job whose lease ran out, because its process died, can be claimed by another.
 */
public interface JobStore {

    /** Inserts or replaces the job with this id, durably. */
    void save(Job job);

    /**
     * Reads the job's current version, applies {@code change} and saves what it returns, durably, as one
     * step: changes of one job never interleave, whichever process makes them. Returns the saved version,
     * or empty (saving nothing) when there is no such job or {@code change} returns null.
     */
    Optional<Job> update(JobId id, UnaryOperator<Job> change);

    Optional<Job> find(JobId id);

    /** Every job that has not finished, in the order of {@link Job#sequence()}. */
    List<Job> unfinished();

    /** The requester's jobs that have not finished (a draft, an active job, or both), oldest first. */
    List<Job> unfinishedOf(RequesterId requester);

    /** How many jobs of this requester ended with a delivered video, within the store's retention. */
    long countDelivered(RequesterId requester);

    /**
     * The queued jobs still waiting at {@code now} (no process holds them), in the order they are served (their
     * sequence), across every process.
     */
    List<JobId> waiting(Instant now);

    /** The kinds of work a process claims, each needing what the state says. */
    enum Work {
        /**
         * Work for the provider: a generating job whose owner is gone (it is paid for, so it goes first), then
         * the oldest queued job. The claimer holds a generation slot for it.
         */
        GENERATION,
        /** A delivering job (its video is stored) that no live process owns. */
        DELIVERY,
        /** A submitting job whose owner is gone: it may or may not have reached the provider. */
        INTERRUPTED_SUBMISSION;

        /** The kind of work that claims a job in this state; empty for drafts and finished jobs. */
        public static Optional<Work> of(JobState state) {
            return Optional.ofNullable(switch (state) {
                case JobState.Queued q -> GENERATION;
                case JobState.Generating g -> GENERATION;
                case JobState.Delivering d -> DELIVERY;
                case JobState.Submitting s -> INTERRUPTED_SUBMISSION;
                case JobState.Draft d -> null;
                case JobState.Done d -> null;
                case JobState.Failed f -> null;
                case JobState.Cancelled c -> null;
                case JobState.Expired e -> null;
            });
        }
    }

    /**
     * Claims one job of this kind for {@code owner} until {@code until}: one nobody holds, or whose lease
     * ended before {@code now}. Two processes never claim the same job at once.
     */
    Optional<Job> claim(Work work, String owner, Instant now, Instant until);

    /**
     * Extends {@code owner}'s leases on these jobs to {@code until}; returns those it no longer holds (they
     * finished, or another process took them over after the lease ran out).
     */
    Set<JobId> renew(String owner, Collection<JobId> jobs, Instant until);

    /** Gives up {@code owner}'s lease on the job, so another may claim it at once. */
    void release(String owner, JobId job);

    /** Gives up every lease {@code owner} holds: a process starting again under its name takes back its jobs. */
    void releaseAll(String owner);

    /** A save or update would give a requester a second active job or a second draft. */
    class RequesterBusy extends JobStoreException {
        private final RequesterId requester;

        public RequesterBusy(RequesterId requester) {
            super("requester " + requester + " already has an unfinished job of that kind");
            this.requester = requester;
        }

        public RequesterId requester() {
            return requester;
        }
    }
}
