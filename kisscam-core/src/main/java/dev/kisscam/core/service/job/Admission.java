package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.in.IntakeOutcome;

/**
 * Lets saved jobs in: the dispatcher claims them in turn. A job that has its video already (the repeat
 * rule's) starts at once without a provider slot: sending it needs none.
 */
public final class Admission {
    private final Dispatcher dispatcher;

    public Admission(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Says what the requester of a saved job should hear: its place in line, or its earlier video. */
    public IntakeOutcome admit(Job job, boolean replacedDraft) {
        if (job.state() instanceof JobState.Delivering) {
            dispatcher.wake();
            return new IntakeOutcome.EarlierVideo(job.id(), replacedDraft);
        }
        return new IntakeOutcome.JobAccepted(job.id(), dispatcher.admit(job), replacedDraft);
    }
}
