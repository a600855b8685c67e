package dev.kisscam.core.testing;

import dev.kisscam.core.domain.QuotaStatus;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.Quota;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fixed-window quota on the heap: the window starts with a requester's first job. */
public final class InMemoryQuota implements Quota {
    private final int limit;
    private final Duration period;
    private final Map<RequesterId, Window> windows = new ConcurrentHashMap<>();

    public InMemoryQuota(int limit, Duration period) {
        if (limit < 0 || !period.isPositive()) {
            throw new IllegalArgumentException("limit >= 0 and a positive period");
        }
        this.limit = limit;
        this.period = period;
    }

    @Override
    public QuotaStatus status(RequesterId requester, Instant now) {
        Window w = windows.get(requester);
        if (w == null || !now.isBefore(w.end())) {
            return new QuotaStatus(0, limit, now.plus(period));
        }
        return new QuotaStatus(w.used(), limit, w.end());
    }

    @Override
    public boolean tryConsume(RequesterId requester, Instant now) {
        var granted = new boolean[1];
        windows.compute(requester, (id, w) -> {
            Window current = w == null || !now.isBefore(w.end()) ? new Window(0, now.plus(period)) : w;
            if (current.used() >= limit) {
                return current;
            }
            granted[0] = true;
            return new Window(current.used() + 1, current.end());
        });
        return granted[0];
    }

    @Override
    public void refund(RequesterId requester, Instant now) {
        windows.computeIfPresent(requester, (id, w) ->
                now.isBefore(w.end()) && w.used() > 0 ? new Window(w.used() - 1, w.end()) : w);
    }

    private record Window(int used, Instant end) {
    }
}
