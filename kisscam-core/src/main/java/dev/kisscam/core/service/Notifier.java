package dev.kisscam.core.service;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.JobRef;
import java.lang.System.Logger.Level;

/**
 * Tells requesters through the frontend's {@link Delivery}. A frontend failing to show a status update must
 * not stop a job, so every call but the video's is guarded and logged.
 */
final class Notifier {
    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final Delivery delivery;

    Notifier(Delivery delivery) {
        this.delivery = delivery;
    }

    Delivery delivery() {
        return delivery;
    }

    static JobRef ref(Job job) {
        return new JobRef(job.id(), job.requester());
    }

    void accepted(Job job, int position) {
        guarded(job, "accepted", () -> delivery.accepted(ref(job), position));
    }

    void queuePosition(Job job, int position) {
        guarded(job, "queue position", () -> delivery.queuePosition(ref(job), position));
    }

    void progress(Job job, int percent) {
        guarded(job, "progress", () -> delivery.progress(ref(job), percent));
    }

    void failed(Job job, Failure failure) {
        guarded(job, "failure", () -> delivery.failed(ref(job), failure));
    }

    void cancelled(Job job) {
        guarded(job, "cancellation", () -> delivery.cancelled(ref(job)));
    }

    void draftExpired(Requester requester) {
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
