package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.Requester;

/**
 * Tells a requester how their job goes after intake answered that it exists ({@code IntakeOutcome}), through
 * whatever frontend they used. The first of these calls may come before the frontend has looked at intake's
 * answer, so a frontend finds where to answer from {@link JobRef#requester()}, not from that answer. Calls
 * for one job come in order; calls for different jobs come concurrently. Only {@link #videoReady} may fail
 * the job: a failure of any other call is logged and the job goes on.
 */
public interface Delivery {

    /** The job moved up the queue (throttled by the core). */
    void queuePosition(JobRef job, int queuePosition);

    /** The provider is working; {@code percent} is 0..100 and never goes down for one submission. */
    void progress(JobRef job, int percent);

    /**
     * Hands the finished video over. When this returns, the core deletes the job's media, so return only
     * once the video has reached the frontend's platform (the final touches to a status message can follow
     * later). Throw {@link DeliveryException.Unreachable} when the platform cannot be reached now: the core
     * keeps the video and calls again later. Throw {@link DeliveryException} when it never will.
     */
    void videoReady(JobRef job, Video video);

    void failed(JobRef job, Failure failure);

    void cancelled(JobRef job);

    /** A draft's second photo never came; its photo is gone. */
    void draftExpired(Requester requester);
}
