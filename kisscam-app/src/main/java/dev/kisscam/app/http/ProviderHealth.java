package dev.kisscam.app.http;

import dev.kisscam.adapter.grok.GrokHealth;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** /health's view of xAI: down while a circuit breaker is open, with each endpoint family's state. */
public final class ProviderHealth implements HealthCheck {
    private final GrokHealth health;

    public ProviderHealth(GrokHealth health) {
        this.health = health;
    }

    @Override
    public String name() {
        return "provider";
    }

    @Override
    public Status check() {
        var details = new LinkedHashMap<String, Object>();
        for (GrokHealth.EndpointHealth endpoint : health.endpoints()) {
            details.put(endpoint.name(), Map.of("circuit", endpoint.state().name().toLowerCase(Locale.ROOT),
                    "failureRatePercent", endpoint.failureRatePercent()));
        }
        return new Status(health.available(), details);
    }
}
