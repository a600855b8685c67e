package dev.kisscam.app.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;

/**
 * Each /health check as a metric, {@code kisscam_health_check_up{check}}: 1 when up, 0 when down or failing to
 * answer, read when scraped. Alerts watch it (the provider's check is down while a circuit towards it is open).
 */
public final class HealthMeters implements MeterBinder {
    private final List<HealthCheck> checks;

    public HealthMeters(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (HealthCheck check : checks) {
            Gauge.builder("kisscam_health_check_up", check, HealthMeters::up)
                    .description("1 while the /health check is up").tag("check", check.name()).register(registry);
        }
    }

    private static double up(HealthCheck check) {
        try {
            return check.check().up() ? 1 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
