package dev.kisscam.adapter.grok;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/**
 * Permits to call xAI, handed out at a pace. By default each process paces itself ({@link Source#LOCAL}); processes
 * that share one xAI account share their paces instead, through a {@link Source} the program supplies (the app
 * builds one on Redis), since the account's limits hold for all of them together.
 */
@FunctionalInterface
public interface Pace {

    /**
     * A permit, waiting for one as long as this pace allows; false when none came in time or the thread was
     * interrupted (its interrupt flag then stays set).
     */
    boolean acquire();

    /** Makes the paces the adapter calls by: one for all API calls, one for video submissions. */
    @FunctionalInterface
    interface Source {
        /** This process's own paces: resilience4j rate limiters. */
        Source LOCAL = (name, permits, period, maxWait) -> RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(maxWait)
                .build())::acquirePermission;

        /** At most {@code permits} per {@code period}, a caller waiting at most {@code maxWait}; {@code name} tells them apart. */
        Pace of(String name, int permits, Duration period, Duration maxWait);
    }
}
