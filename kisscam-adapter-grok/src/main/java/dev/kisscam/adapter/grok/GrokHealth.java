package dev.kisscam.adapter.grok;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Arrays;
import java.util.List;

/**
 * How xAI looks from here: the state of the circuit breaker of each endpoint family, for a health page.
 * Every call reads the breakers afresh. An open breaker stays {@code OPEN} here after its rest until the next
 * call to that family tries the service again ({@code HALF_OPEN}).
 */
public final class GrokHealth {
    private final Resilience resilience;

    GrokHealth(Resilience resilience) {
        this.resilience = resilience;
    }

    /** Whether calls go through: {@code OPEN} means they fail at once until the breaker tries again. */
    public enum State {
        CLOSED, HALF_OPEN, OPEN
    }

    /**
     * @param name {@code vision}, {@code video} or {@code video-download}
     * @param failureRatePercent of the recent calls, or -1 before enough calls were made to tell
     */
    public record EndpointHealth(String name, State state, float failureRatePercent) {
    }

    public List<EndpointHealth> endpoints() {
        return Arrays.stream(Endpoint.values()).map(this::endpoint).toList();
    }

    /** True when no breaker is open: every endpoint family takes calls. */
    public boolean available() {
        return endpoints().stream().noneMatch(e -> e.state() == State.OPEN);
    }

    private EndpointHealth endpoint(Endpoint family) {
        CircuitBreaker breaker = resilience.breaker(family);
        State state = switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> State.OPEN;
            case HALF_OPEN -> State.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> State.CLOSED;
        };
        return new EndpointHealth(family.label(), state, breaker.getMetrics().getFailureRate());
    }

    @Override
    public String toString() {
        return "GrokHealth" + endpoints();
    }
}
