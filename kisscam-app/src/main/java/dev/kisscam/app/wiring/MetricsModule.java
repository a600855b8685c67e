package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.dashboard.Dashboard;
import dev.kisscam.app.dashboard.RecentJobs;
import dev.kisscam.app.metrics.HostMeters;
import dev.kisscam.app.metrics.SpendMeters;
import dev.kisscam.core.service.Kisscam;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * One Prometheus registry for the program, with the JVM's memory and thread meters and the host's memory, disk and
 * uptime beside Kisscam's own; and the dashboard that reads it.
 */
final class MetricsModule extends AbstractModule {

    @Provides
    @Singleton
    PrometheusMeterRegistry prometheus(AppConfig config) {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new HostMeters(config.storage().local().storagePath()).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return registry;
    }

    /** The operators' page, with the spend meters it and the alerts read from the core. */
    @Provides
    @Singleton
    Dashboard dashboard(PrometheusMeterRegistry registry, RecentJobs recentJobs, Kisscam kisscam, AppConfig config,
            Clock clock) {
        new SpendMeters(kisscam, config.core().dailySpendLimitTicks(), config.operations().spendAlertUsd())
                .bindTo(registry);
        return new Dashboard(registry, recentJobs, clock);
    }

    @Provides
    @Singleton
    MeterRegistry registry(PrometheusMeterRegistry prometheus) {
        return prometheus;
    }
}
