package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.in.IntakeOutcome;

/**
 * Lets saved jobs into the generation queue. A job that has its video already (the repeat rule's, or one
 * found in delivery after a restart) starts at once without a provider slot: sending it needs none.
 */
public final class Admission {
    private final GenerationQueue queue;

    public Admission(GenerationQueue queue) {
        this.queue = queue;
    }

    /** Queues a saved job and says what the requester should hear: its place in line, or its earlier video. */
    public IntakeOutcome admit(Job job, boolean replacedDraft) {
        if (job.state() instanceof JobState.Delivering) {
            queue.startWithoutSlot(job);
            return new IntakeOutcome.EarlierVideo(job.id(), replacedDraft);
        }
        return new IntakeOutcome.JobAccepted(job.id(), queue.add(job), replacedDraft);
    }

    /** Queues a job found unfinished after a restart; its requester heard about it before. */
    public void resume(Job job) {
        if (job.state() instanceof JobState.Delivering) {
            queue.startWithoutSlot(job);
        } else {
            queue.add(job);
        }
    }
}
