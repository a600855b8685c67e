package dev.kisscam.adapter.grok;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;

/**
 * How long to wait before the next attempt: what the server asked for in {@code Retry-After}, or else
 * exponential back-off from the configured start, doubling up to its maximum, each wait randomised by half
 * so that many callers do not come back at the same moment.
 */
final class Backoff implements IntervalBiFunction<Object> {
    static final double JITTER = 0.5;
    static final double MULTIPLIER = 2.0;

    private final IntervalFunction exponential;

    Backoff(GrokConfig.RetrySettings settings) {
        this.exponential = IntervalFunction.ofExponentialRandomBackoff(
                settings.initialBackoff(), MULTIPLIER, JITTER, settings.maxBackoff());
    }

    @Override
    public Long apply(Integer attempt, Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof XaiFailure failure && failure.retryAfter().isPresent()) {
            return failure.retryAfter().get().toMillis();
        }
        return exponential.apply(attempt);
    }
}
