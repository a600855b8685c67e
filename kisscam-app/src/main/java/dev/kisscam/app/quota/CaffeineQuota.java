package dev.kisscam.app.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kisscam.core.domain.QuotaStatus;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.Quota;
import java.time.Duration;
import java.time.Instant;

/**
 * The in-process quota: a fixed window per requester that opens with their first job. Windows live in a
 * Caffeine cache that forgets a requester once their window has passed, so memory follows the active users,
 * not every user ever seen. Counts are lost on restart; a shared quota for several instances is a
 * different {@link Quota}.
 */
public final class CaffeineQuota implements Quota {
    private final int limit;
    private final Duration period;
    private final Cache<RequesterId, Window> windows;

    private record Window(int used, Instant end) {
    }

    public CaffeineQuota(int limit, Duration period) {
        this(limit, period, Ticker.systemTicker());
    }

    CaffeineQuota(int limit, Duration period, Ticker ticker) {
        if (limit < 0 || !period.isPositive()) {
            throw new IllegalArgumentException("a quota needs limit >= 0 and a positive period");
        }
        this.limit = limit;
        this.period = period;
        this.windows = Caffeine.newBuilder().expireAfterWrite(period).ticker(ticker).build();
    }

    @Override
    public QuotaStatus status(RequesterId requester, Instant now) {
        Window window = windows.getIfPresent(requester);
        if (window == null || !now.isBefore(window.end())) {
            return new QuotaStatus(0, limit, now.plus(period));
        }
        return new QuotaStatus(window.used(), limit, window.end());
    }

    @Override
    public boolean tryConsume(RequesterId requester, Instant now) {
        var granted = new boolean[1];
        windows.asMap().compute(requester, (id, window) -> {
            Window current = window == null || !now.isBefore(window.end()) ? new Window(0, now.plus(period)) : window;
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
        windows.asMap().computeIfPresent(requester, (id, window) ->
                now.isBefore(window.end()) && window.used() > 0 ? new Window(window.used() - 1, window.end()) : window);
    }

    /** Requesters with an open window; for the active-users gauge. */
    public long activeRequesters() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}
