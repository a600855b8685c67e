package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.Spend;
import java.time.Duration;

/**
 * What operators measure: outcomes, how long each stage took, what providers charged, how full the queue
 * is. Every method has a no-op default so a frontend that measures nothing passes {@link #NONE}.
 */
public interface JobObserver {

    JobObserver NONE = new JobObserver() {
    };

    enum Stage {
        /** From the first byte received to the job (or refusal) decided, detection included. */
        INTAKE,
        /** Waiting for a generation slot. */
        QUEUE,
        /** From submission to a video (or failure) at the provider. */
        GENERATION,
        /** Storing the video and handing it to the requester. */
        DELIVERY
    }

    /**
     * A job was saved in a new version: created, moved to another state, or finished. Called after the save,
     * on the thread that made it, so an observer keeping a timeline per job must be quick and thread-safe.
     */
    default void saved(Job job) {
    }

    /** A job reached a finished state. */
    default void finished(Job job) {
    }

    default void stage(Stage stage, Duration took) {
    }

    default void spent(Spend spend) {
    }

    /** {@code waiting} jobs queued and {@code running} generations in flight, after any change. */
    default void queue(int waiting, int running) {
    }
}
