package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Spend;
import java.time.Instant;

/**
 * What the provider account was charged, and when: kept across restarts and shared by the processes that
 * share an account, so a daily budget means the account's day, not one process's.
 */
public interface SpendLedger {

    /** Books a charge the provider reported. */
    void record(Spend spend, Instant at);

    /** The ticks booked from {@code from} (inclusive) to {@code to} (exclusive). */
    long ticksBetween(Instant from, Instant to);
}
