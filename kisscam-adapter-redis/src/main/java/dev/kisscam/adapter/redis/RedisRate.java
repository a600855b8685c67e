package dev.kisscam.adapter.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateLimiterConfig;
import org.redisson.api.RateType;
import org.redisson.client.RedisException;

/**
 * A rate every instance shares: at most {@code permits} per {@code period} across all of them together (a
 * Redisson {@link RRateLimiter} of type {@link RateType#OVERALL}), for limits that belong to one account, not to
 * one process. Made by {@link RedisAdapters#rate}.
 */
public final class RedisRate {
    private final Connection redis;
    private final String key;
    private final long permits;
    private final Duration period;
    private final AtomicBoolean set = new AtomicBoolean();

    RedisRate(Connection redis, String key, int permits, Duration period) {
        if (permits < 1 || period.toMillis() < 1) {
            throw new IllegalArgumentException("a rate needs at least one permit per millisecond or more");
        }
        this.redis = redis;
        this.key = key;
        this.permits = permits;
        this.period = period;
    }

    /**
     * A permit, waiting at most {@code maxWait} for one; false when none came in time or the thread was
     * interrupted (its interrupt flag stays set).
     *
     * @throws RedisUnavailable when Redis does not answer
     */
    public boolean acquire(Duration maxWait) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        try {
            return redis.call("taking a permit of " + key, client -> {
                RRateLimiter limiter = limiter();
                try {
                    if (limiter.tryAcquire(maxWait)) {
                        return true;
                    }
                    if (limiter.isExists()) {
                        return false;
                    }
                } catch (RedisException e) {
                    if (limiter.isExists()) {
                        throw e;
                    }
                }
                // A Redis that restarted without its data forgot the rate (and refuses, or grants nothing): set it again.
                set.set(false);
                return limiter().tryAcquire(maxWait);
            });
        } catch (RedisUnavailable e) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            throw e;
        }
    }

    /** This rate's limiter, set to this rate once per process; an instance with another rate overrules it. */
    private RRateLimiter limiter() {
        RRateLimiter limiter = redis.call("opening " + key, client -> client.getRateLimiter(key));
        if (!set.get()) {
            if (!limiter.trySetRate(RateType.OVERALL, permits, period) && !sameRate(limiter.getConfig())) {
                limiter.setRate(RateType.OVERALL, permits, period);
            }
            set.set(true);
        }
        return limiter;
    }

    private boolean sameRate(RateLimiterConfig config) {
        return config.getRateType() == RateType.OVERALL && config.getRate() == permits
                && config.getRateInterval() == period.toMillis();
    }
}
