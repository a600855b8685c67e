package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends on the photos kept because their sender's previous video was still being made, once the core says
 * that sender has no active job. It asks the core, and does not wait for this process's own deliveries,
 * because another instance may have finished the job, or a restart may have come in between.
 */
final class TurnWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TurnWatch.class.getName());

    private final KeptPhotos awaitingTurn;
    private final Usage usage;
    private final Consumer<List<KeptPhotos.Batch>> resume;
    private final ScheduledExecutorService timers;
    private final Duration every;
    private final AtomicBoolean looking = new AtomicBoolean();
    private ScheduledFuture<?> ticking;

    /** {@code resume} sends a user's batches on, in the order they came. */
    TurnWatch(KeptPhotos awaitingTurn, Usage usage, Consumer<List<KeptPhotos.Batch>> resume,
              ScheduledExecutorService timers, Duration every) {
        this.awaitingTurn = awaitingTurn;
        this.usage = usage;
        this.resume = resume;
        this.timers = timers;
        this.every = every;
    }

    synchronized void start() {
        if (ticking == null) {
            ticking = timers.scheduleWithFixedDelay(this::lookSoon, every.toNanos(), every.toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Off the timer thread, since the core may read its store; a look still under way is not doubled. */
    private void lookSoon() {
        if (looking.compareAndSet(false, true)) {
            Thread.startVirtualThread(() -> {
                try {
                    resumeThoseWithoutActiveJob();
                } finally {
                    looking.set(false);
                }
            });
        }
    }

    private void resumeThoseWithoutActiveJob() {
        for (RequesterId requester : awaitingTurn.requesters()) {
            try {
                if (usage.usage(requester).activeJob().isEmpty()) {
                    resume.accept(awaitingTurn.take(requester));
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not tell whether " + requester + " may go on; asking again"
                        + " in " + every, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }
}
