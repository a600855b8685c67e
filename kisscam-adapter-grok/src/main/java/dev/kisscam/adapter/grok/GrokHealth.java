package dev.kisscam.adapter.grok;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Arrays;
import java.util.List;

/**
 * How xAI looks from here: the state of the circuit breaker of each endpoint family, for a health page.
 * Every call reads the breakers afresh.
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
    public record Endpoint(String name, State state, float failureRatePercent) {
    }

    public List<Endpoint> endpoints() {
        return Arrays.stream(dev.kisscam.adapter.grok.Endpoint.values()).map(this::endpoint).toList();
    }

    /** True when no breaker is open: every endpoint family takes calls. */
    public boolean available() {
        return endpoints().stream().noneMatch(e -> e.state() == State.OPEN);
    }

    private Endpoint endpoint(dev.kisscam.adapter.grok.Endpoint family) {
        CircuitBreaker breaker = resilience.breaker(family);
        State state = switch (breaker.getState()) {
            case OPEN, FORCED_OPEN -> State.OPEN;
            case HALF_OPEN -> State.HALF_OPEN;
            case CLOSED, DISABLED, METRICS_ONLY -> State.CLOSED;
        };
        return new Endpoint(family.label(), state, breaker.getMetrics().getFailureRate());
    }

    @Override
    public String toString() {
        return "GrokHealth" + endpoints();
    }
}
