package dev.kisscam.app.testing;

import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Failures a test asks for, answered to the next API calls in the order asked, in the gRPC-shaped body xAI
 * sends for them. Safe to fill from one thread while the server's threads take from it.
 */
final class FaultPlan {
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

    /** Queues {@code calls} failures with {@code status} behind those already queued. */
    void failNext(int calls, int status) {
        if (calls < 0) {
            throw new IllegalArgumentException("calls cannot be negative");
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a failure is an HTTP status 400..599, not " + status);
        }
        for (int i = 0; i < calls; i++) {
            statuses.add(status);
        }
    }

    void clear() {
        statuses.clear();
    }

    /** The failure the next API call must get, if one is queued; taking it uses it up. */
    Optional<Reply> next() {
        return Optional.ofNullable(statuses.poll()).map(FaultPlan::reply);
    }

    /**
     * A rate limit asks to come back after a second, which the adapter honours; the message steers clear of
     * words about spending, which the adapter reads as a spending cap that needs an operator.
     */
    static Reply reply(int status) {
        return switch (status) {
            case 429 -> Reply.error(429, "resource_exhausted", "Too many requests; slow down and try again")
                    .withHeader("Retry-After", "1");
            case 500 -> Reply.error(500, "internal", "Internal error (simulated)");
            case 502, 503 -> Reply.error(status, "unavailable", "The service is currently unavailable (simulated)");
            case 504 -> Reply.error(504, "deadline_exceeded", "The request took too long (simulated)");
            default -> Reply.error(status, status < 500 ? "invalid_argument" : "unknown", "Simulated failure " + status);
        };
    }
}
