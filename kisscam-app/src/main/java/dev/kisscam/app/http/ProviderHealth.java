package dev.kisscam.app.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * /health's view of the video provider, whichever it is: down while a circuit breaker towards it is open, with
 * each endpoint's circuit. The provider's module says how to read its circuits.
 */
public final class ProviderHealth implements HealthCheck {
    private final Supplier<List<Circuit>> circuits;

    /** @param circuits read afresh on every check */
    public ProviderHealth(Supplier<List<Circuit>> circuits) {
        this.circuits = Objects.requireNonNull(circuits, "circuits");
    }

    /** Whether calls to an endpoint go through: {@code OPEN} means they fail at once until the breaker tries again. */
    public enum State { CLOSED, HALF_OPEN, OPEN }

    /**
     * @param endpoint what the provider's calls of this kind are called, such as {@code video}
     * @param failureRatePercent of the recent calls, or -1 before enough calls were made to tell
     */
    public record Circuit(String endpoint, State state, float failureRatePercent) {
        public Circuit {
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(state, "state");
        }
    }

    @Override
    public String name() {
        return "provider";
    }

    @Override
    public Status check() {
        var details = new LinkedHashMap<String, Object>();
        boolean up = true;
        for (Circuit circuit : circuits.get()) {
            details.put(circuit.endpoint(), Map.of("circuit", circuit.state().name().toLowerCase(Locale.ROOT),
                    "failureRatePercent", circuit.failureRatePercent()));
            up &= circuit.state() != State.OPEN;
        }
        return new Status(up, details);
    }
}
