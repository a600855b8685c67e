package dev.kisscam.adapter.grok;

import dev.kisscam.core.port.out.ProviderFault;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Guards every call: a retry per endpoint family around a rate limiter around the family's circuit breaker, so
 * each attempt takes a permit and counts towards the breaker, and an open breaker ends the retries at once.
 * Video submissions have a rate limiter of their own, one permit every 1/n s: the provider's limit on them is
 * the lowest, and polls of many running jobs, which take the shared limiter's permits, never delay one.
 * Attempts signal failure by throwing {@link XaiFailure}; anything else goes through.
 */
final class Resilience {
    private static final System.Logger LOG = System.getLogger(Resilience.class.getName());

    private final Map<Endpoint, Retry> retries = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, CircuitBreaker> breakers = new EnumMap<>(Endpoint.class);
    private final Pace rateLimiter;
    private final Pace submissionLimiter;
    private final Duration submissionSpacing;
    private final Retry submissionRetry;
    private final Duration retryAfterLimit;

    Resilience(GrokConfig config) {
        this(config, Pace.Source.LOCAL);
    }

    /** @param paces where the permits come from: this process's own limiters, or limiters every process shares */
    Resilience(GrokConfig config, Pace.Source paces) {
        this.retryAfterLimit = config.retry().retryAfterLimit();
        RetryConfig retryConfig = RetryConfig.custom()
                .maxAttempts(config.retry().maxAttempts())
                .retryOnException(this::worthRetrying)
                .intervalBiFunction(new Backoff(config.retry()))
                .build();
        // A 429 on a submission is the account's pace, not a fault: it goes straight back to the core, which holds
        // the queue until Retry-After without keeping a generation slot busy in a retry loop here.
        submissionRetry = Retry.of("video submissions", RetryConfig.from(retryConfig)
                .retryOnException(e -> worthRetrying(e) && !(e instanceof XaiFailure failure
                        && failure.fault() == ProviderFault.RATE_LIMITED))
                .build());
        logRetries(Endpoint.VIDEO, submissionRetry);
        GrokConfig.BreakerSettings breaker = config.circuitBreaker();
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindow(breaker.windowSize(), breaker.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(breaker.failureRatePercent())
                .waitDurationInOpenState(breaker.openFor())
                .recordException(e -> e instanceof XaiFailure failure && failure.serviceTrouble())
                .build();
        for (Endpoint endpoint : Endpoint.values()) {
            Retry r = Retry.of(endpoint.label(), retryConfig);
            logRetries(endpoint, r);
            retries.put(endpoint, r);
            CircuitBreaker b = CircuitBreaker.of(endpoint.label(), breakerConfig);
            b.getEventPublisher().onStateTransition(event -> LOG.log(System.Logger.Level.WARNING,
                    "xAI {0}: circuit breaker {1}", endpoint.label(), event.getStateTransition()));
            breakers.put(endpoint, b);
        }
        GrokConfig.RateLimitSettings limit = config.rateLimit();
        rateLimiter = paces.of("xai", limit.permits(), limit.period(), limit.maxWait());
        // One permit a cycle, so that two submissions are never closer than a cycle apart, not n at a cycle's start.
        submissionSpacing = Duration.ofNanos(Duration.ofSeconds(1).toNanos() / config.submitsPerSecond());
        submissionLimiter = paces.of("xai-submissions", 1, submissionSpacing, limit.maxWait());
    }

    private static void logRetries(Endpoint endpoint, Retry retry) {
        retry.getEventPublisher().onRetry(event -> LOG.log(System.Logger.Level.WARNING,
                "xAI {0}: attempt {1} failed ({2}); trying again in {3} ms", endpoint.label(),
                event.getNumberOfRetryAttempts(), message(event.getLastThrowable()), event.getWaitInterval().toMillis()));
    }

    /** Runs {@code attempt} with retries, rate limit and circuit breaker; failures come out as {@link XaiFailure}. */
    <T> T call(Endpoint endpoint, Supplier<T> attempt) {
        return guarded(endpoint, retries.get(endpoint), endpoint.rateLimited() ? rateLimiter : null,
                () -> XaiFailure.throttled(endpoint), attempt);
    }

    /**
     * Runs a video submission like {@link #call}, paced by the submissions' own limiter. Not getting a permit in
     * time is the provider's rate limit reached here: the submission was not sent.
     */
    <T> T submission(Supplier<T> attempt) {
        return guarded(Endpoint.VIDEO, submissionRetry, submissionLimiter,
                () -> XaiFailure.submissionsThrottled(submissionSpacing),
                attempt);
    }

    private <T> T guarded(Endpoint endpoint, Retry retry, Pace limiter, Supplier<XaiFailure> noPermit,
            Supplier<T> attempt) {
        CircuitBreaker breaker = breakers.get(endpoint);
        Supplier<T> guarded = () -> {
            if (limiter != null && !limiter.acquire()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw XaiFailure.interrupted(endpoint, null);
                }
                throw noPermit.get();
            }
            return breaker.executeSupplier(attempt);
        };
        try {
            return Retry.decorateSupplier(retry, guarded).get();
        } catch (CallNotPermittedException open) {
            throw XaiFailure.circuitOpen(endpoint);
        } catch (XaiFailure failure) {
            if (failure.retryable() && failure.retryAfter().filter(wait -> wait.compareTo(retryAfterLimit) > 0).isPresent()) {
                throw failure.askedToWaitLonger(retryAfterLimit);
            }
            throw failure;
        }
    }

    Retry retry(Endpoint endpoint) {
        return retries.get(endpoint);
    }

    /** The retries of video submissions: as {@link #retry}'s, except that a 429 goes to the core at once. */
    Retry submissionRetry() {
        return submissionRetry;
    }

    CircuitBreaker breaker(Endpoint endpoint) {
        return breakers.get(endpoint);
    }

    private boolean worthRetrying(Throwable e) {
        return e instanceof XaiFailure failure && failure.retryable() && !Thread.currentThread().isInterrupted()
                && failure.retryAfter().map(wait -> wait.compareTo(retryAfterLimit) <= 0).orElse(true);
    }

    private static String message(Throwable e) {
        return e == null ? "unknown" : e.getMessage();
    }
}
