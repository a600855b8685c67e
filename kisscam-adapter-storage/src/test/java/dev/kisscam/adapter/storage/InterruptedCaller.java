package dev.kisscam.adapter.storage;

import java.io.InputStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;

/**
 * Calls a store the way a job thread that is being stopped at shutdown does: on a virtual thread (as the core
 * runs jobs) that is, or becomes, interrupted. Reports what the call returned and whether the thread's
 * interrupt flag was still set afterwards, which the job needs to notice it was asked to stop.
 */
final class InterruptedCaller<T> {

    private final CompletableFuture<Outcome<T>> outcome = new CompletableFuture<>();
    private final Thread thread;

    private InterruptedCaller(Callable<T> call, boolean interruptedBefore) {
        this.thread = Thread.ofVirtual().name("job-being-stopped").start(() -> {
            if (interruptedBefore) {
                Thread.currentThread().interrupt();
            }
            try {
                T value = call.call();
                outcome.complete(new Outcome<>(value, Thread.currentThread().isInterrupted()));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        });
    }

    /** Makes {@code call} on a thread whose interrupt flag is already set, and waits for it. */
    static <T> Outcome<T> callInterrupted(Callable<T> call) throws InterruptedException, ExecutionException {
        return new InterruptedCaller<>(call, true).outcome();
    }

    /** Starts {@code call} on a thread that is not interrupted yet; {@link #interrupt} does it when the test wants. */
    static <T> InterruptedCaller<T> start(Callable<T> call) {
        return new InterruptedCaller<>(call, false);
    }

    void interrupt() {
        thread.interrupt();
    }

    /** What the call returned; rethrows what it threw, wrapped in an {@link ExecutionException}. */
    Outcome<T> outcome() throws InterruptedException, ExecutionException {
        return outcome.get();
    }

    /**
     * Content for a put that says when it is half sent, then sends nothing until {@code resume} opens, then
     * ends (follow it with the rest): a test interrupts the put meanwhile, so the interrupt lands in the
     * middle of the put without a sleep. The stream may be read on the caller's thread (a file) or on the
     * HTTP client's (S3), so it waits on the latch rather than for an interrupt, and an interrupt of its
     * reader is kept for the put to see.
     */
    static InputStream pausingHalfWay(CountDownLatch halfSent, CountDownLatch resume) {
        return new InputStream() {
            @Override
            public int read() {
                halfSent.countDown();
                boolean interrupted = false;
                while (true) {
                    try {
                        resume.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
    }

    record Outcome<T>(T value, boolean stillInterrupted) {
    }
}
