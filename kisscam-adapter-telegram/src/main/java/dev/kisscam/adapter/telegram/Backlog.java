package dev.kisscam.adapter.telegram;

import java.time.Duration;

/**
 * How many status messages still have a screen to show. Closing the bot waits a moment for them, so a job's
 * last screen is not cut off by a shutdown, and tests wait for them instead of guessing.
 */
final class Backlog {
    private int pending;

    synchronized void started() {
        pending++;
    }

    synchronized void finished() {
        pending--;
        notifyAll();
    }

    /** Waits until no screen is waiting to be shown; false if some still are after {@code timeout}. */
    synchronized boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
