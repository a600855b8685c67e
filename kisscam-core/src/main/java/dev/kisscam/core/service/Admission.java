package dev.kisscam.core.service;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.port.in.IntakeOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** Lets persisted jobs into the generation queue, telling the requester before the job may start. */
final class Admission {
    private final GenerationQueue queue;
    private final Notifier notifier;
    private final AtomicBoolean closing;

    Admission(GenerationQueue queue, Notifier notifier, AtomicBoolean closing) {
        this.queue = queue;
        this.notifier = notifier;
        this.closing = closing;
    }

    IntakeOutcome.JobAccepted admit(Job job, boolean replacedDraft) {
        var announced = new CompletableFuture<Void>();
        int position = queue.add(job, announced, false);
        try {
            notifier.accepted(job, position);
        } finally {
            announced.complete(null);
        }
        return new IntakeOutcome.JobAccepted(job.id(), position, replacedDraft);
    }

    /** Queues a job found after a restart; its requester was told about it before. */
    void resume(Job job) {
        queue.add(job, CompletableFuture.completedFuture(null), false);
    }

    boolean closed() {
        return closing.get();
    }
}
