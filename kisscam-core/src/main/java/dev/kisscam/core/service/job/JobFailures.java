package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.service.media.MediaCleanup;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Ends a job as failed, in one step: saves it with what it cost, deletes the media a retry cannot use, gives
 * the requester's video back when the job failed before its video existed through no fault of theirs, and
 * tells them.
 */
public final class JobFailures {
    private static final System.Logger LOG = System.getLogger(JobFailures.class.getName());

    private final Jobs jobs;
    private final MediaCleanup cleanup;
    private final Charges charges;
    private final Notifier notifier;

    public JobFailures(Jobs jobs, MediaCleanup cleanup, Charges charges, Notifier notifier) {
        this.jobs = jobs;
        this.cleanup = cleanup;
        this.charges = charges;
        this.notifier = notifier;
    }

    public void fail(JobId id, Failure failure) {
        fail(id, failure, null);
    }

    /** {@code spend}: what the last provider call cost, to book with the failure; null when nothing. */
    public void fail(JobId id, Failure failure, Spend spend) {
        Optional<Job> failed = jobs.finish(id, j -> {
            Job charged = spend == null ? j : j.withSpend(spend);
            return charged.withState(new JobState.Failed(failure), jobs.now());
        }, (before, after) -> {
            if (before.state() instanceof JobState.Delivering d) {
                cleanup.deleteQuietly(d.video());
            }
            if (!failure.retryable()) {
                cleanup.deleteQuietly(after.photoKeys());
            }
            if (beforeItsVideo(before.state()) && !failure.code().requesterAnswerable()) {
                charges.refundVideo(after.requester().id());
            }
        });
        failed.ifPresent(job -> {
            LOG.log(Level.WARNING, "job " + id + ": failed, " + failure.code() + ": " + failure.detail());
            notifier.failed(job, failure);
        });
    }

    /**
     * Whether a job in this state was charged and has no video yet. A job that reached delivery has its video
     * (paid, or the repeat rule's, never charged), so a failure there gives nothing back.
     */
    static boolean beforeItsVideo(JobState state) {
        return switch (state) {
            case JobState.Queued q -> true;
            case JobState.Submitting s -> true;
            case JobState.Generating g -> true;
            case JobState.Draft d -> false;
            case JobState.Delivering d -> false;
            case JobState.Done d -> false;
            case JobState.Failed f -> false;
            case JobState.Cancelled c -> false;
            case JobState.Expired e -> false;
        };
    }
}
