package dev.kisscam.core.service.job;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether the core runs: started once, stopped once. Every part that must behave differently while the core
 * stops (refuse new photos, leave a running job where its saved state says) asks this one object.
 */
public final class Lifecycle {
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    /** @throws IllegalStateException when the core was started before */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this core has already been started");
        }
    }

    /** Marks the core as stopping; true only for the first caller, who then does the stopping. */
    public boolean beginStop() {
        return stopping.compareAndSet(false, true);
    }

    public boolean stopping() {
        return stopping.get();
    }

    /**
     * Whether the calling job thread should leave its job as saved instead of failing it: the core stops, or
     * the job was cancelled (which interrupts its thread).
     */
    public boolean leavingJob() {
        return stopping.get() || Thread.currentThread().isInterrupted();
    }
}
