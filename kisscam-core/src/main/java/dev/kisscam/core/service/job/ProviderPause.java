package dev.kisscam.core.service.job;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The provider asked us to slow down (a 429 on a submission): no new submission starts before the time it
 * named. The account's limit is the account's, so one pause holds for every job of this process.
 */
public final class ProviderPause {
    private final AtomicReference<Instant> until = new AtomicReference<>(Instant.MIN);

    /** Pauses submissions until {@code end}, or longer if a pause already runs longer. */
    public void pauseUntil(Instant end) {
        until.accumulateAndGet(end, (current, asked) -> asked.isAfter(current) ? asked : current);
    }

    public boolean paused(Instant now) {
        return now.isBefore(until.get());
    }
}
