package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.SpendLedger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A ledger in this process's memory, for a core without a durable one: it forgets on restart, and keeps
 * the last 40 days of charges, enough for this month and today.
 */
public final class LocalSpendLedger implements SpendLedger {
    private static final long KEEP_SECONDS = 40L * 24 * 3600;

    private record Entry(Instant at, long ticks) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public void record(Spend spend, Instant at) {
        lock.lock();
        try {
            entries.addLast(new Entry(at, spend.usdTicks()));
            Instant oldest = at.minusSeconds(KEEP_SECONDS);
            while (!entries.isEmpty() && entries.peekFirst().at().isBefore(oldest)) {
                entries.removeFirst();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long ticksBetween(Instant from, Instant to) {
        lock.lock();
        try {
            return entries.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                    .mapToLong(Entry::ticks).sum();
        } finally {
            lock.unlock();
        }
    }
}
