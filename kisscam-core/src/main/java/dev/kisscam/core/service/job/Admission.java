package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.QuotaStatus;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.Quota;
import java.util.Optional;

/**
 * Lets saved jobs into the generation queue, and keeps the quota: the one place a job is charged to its
 * requester's quota and the one place a quota refusal is made.
 */
public final class Admission {
    private final GenerationQueue queue;
    private final Quota quota;
    private final Jobs jobs;

    public Admission(GenerationQueue queue, Quota quota, Jobs jobs) {
        this.queue = queue;
        this.quota = quota;
        this.jobs = jobs;
    }

    /** The refusal a requester whose quota is used up gets, without using any; empty while some is left. */
    public Optional<Refusal> quotaRefusal(RequesterId requester) {
        QuotaStatus status = quota.status(requester, jobs.now());
        return status.exhausted() ? Optional.of(exhausted(status)) : Optional.empty();
    }

    /** Uses one job of the requester's quota; the refusal when none is left. */
    public Optional<Refusal> chargeQuota(RequesterId requester) {
        if (quota.tryConsume(requester, jobs.now())) {
            return Optional.empty();
        }
        return Optional.of(exhausted(quota.status(requester, jobs.now())));
    }

    private static Refusal exhausted(QuotaStatus status) {
        return new Refusal.QuotaExhausted(status.limit(), status.resetsAt());
    }

    /** Queues a saved job and says what the requester should hear: its place in line, or its earlier video. */
    public IntakeOutcome admit(Job job, boolean replacedDraft) {
        int position = queue.add(job);
        return job.state() instanceof JobState.Delivering
                ? new IntakeOutcome.EarlierVideo(job.id(), replacedDraft)
                : new IntakeOutcome.JobAccepted(job.id(), position, replacedDraft);
    }

    /** Queues a job found unfinished after a restart; its requester heard about it before. */
    public void resume(Job job) {
        queue.add(job);
    }
}
