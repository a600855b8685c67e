package dev.kisscam.app.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The account's video rate limit reached for a while: every submission is answered 429 with a Retry-After, as
 * xAI answers when a team submits faster than its per-second limit; people detection and polls are unaffected.
 */
final class SubmissionStorm {
    private volatile Instant until = Instant.MIN;
    private volatile int retryAfterSeconds = 1;
    private final AtomicInteger refused = new AtomicInteger();

    void start(Duration length, int retryAfter) {
        retryAfterSeconds = retryAfter;
        until = Instant.now().plus(length);
    }

    int refused() {
        return refused.get();
    }

    Optional<Reply> refusal() {
        if (!Instant.now().isBefore(until)) {
            return Optional.empty();
        }
        refused.incrementAndGet();
        return Optional.of(Reply.error(429, "Some resource has been exhausted",
                        "Too many requests: the team's video generation rate limit is reached")
                .withHeader("Retry-After", String.valueOf(retryAfterSeconds)));
    }
}
