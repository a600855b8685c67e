package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.JobRef;
import dev.kisscam.core.port.out.Video;
import java.lang.System.Logger.Level;

/**
 * Tells requesters through the frontend's {@link Delivery}. A frontend failing to show a status update must
 * not stop a job, so every call but the video's is guarded and logged.
 */
public final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final Delivery delivery;

    public Notifier(Delivery delivery) {
        this.delivery = delivery;
    }

    static JobRef ref(Job job) {
        return new JobRef(job.id(), job.requester());
    }

    void queuePosition(Job job, int position) {
        guarded(job, "queue position", () -> delivery.queuePosition(ref(job), position));
    }

    void progress(Job job, int percent) {
        guarded(job, "progress", () -> delivery.progress(ref(job), percent));
    }

    /** Not guarded: whether the video reached the requester decides how the job ends. */
    void videoReady(Job job, Video video) {
        delivery.videoReady(ref(job), video);
    }

    public void failed(Job job, Failure failure) {
        guarded(job, "failure", () -> delivery.failed(ref(job), failure));
    }

    public void cancelled(Job job) {
        guarded(job, "cancellation", () -> delivery.cancelled(ref(job)));
    }

    public void draftExpired(Requester requester) {
        try {
            delivery.draftExpired(requester);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not tell " + requester.id() + " that their draft expired: " + e, e);
        }
    }

    private static void guarded(Job job, String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "job " + job.id() + ": could not deliver " + what + ": " + e, e);
        }
    }
}
