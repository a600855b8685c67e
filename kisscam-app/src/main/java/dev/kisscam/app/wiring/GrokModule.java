package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.kisscam.adapter.grok.GrokAdapters;
import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.adapter.grok.GrokHealth;
import dev.kisscam.adapter.grok.Pace;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.app.http.ProviderHealth;
import dev.kisscam.app.provider.CachedPeopleDetector;
import dev.kisscam.app.provider.MeteredPeopleDetector;
import dev.kisscam.app.provider.MeteredVideoGenerator;
import dev.kisscam.app.provider.ProviderKey;
import dev.kisscam.app.provider.RememberedCounts;
import io.micrometer.core.instrument.MeterRegistry;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.VideoGenerator;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * People detection and video generation at xAI, the provider's health for /health, and its HTTP client
 * registered to be closed. Building the client does no I/O; the first call does.
 */
final class GrokModule extends AbstractModule {
    static final int CACHED_DETECTIONS = 10_000;

    private final GrokConfig config;
    private final Duration repeatWindow;
    private final UnaryOperator<VideoGenerator> aroundGenerator;

    /**
     * @param repeatWindow how long a photo's people count is remembered by its digest (zero: never)
     * @param aroundGenerator what a frontend adds around the metered generator (the command line shows costs)
     */
    GrokModule(GrokConfig config, Duration repeatWindow, UnaryOperator<VideoGenerator> aroundGenerator) {
        this.config = config;
        this.repeatWindow = repeatWindow;
        this.aroundGenerator = aroundGenerator;
    }

    /** xAI's pace and the people counts are this process's own unless a module shares them between instances. */
    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), Pace.Source.class);
        OptionalBinder.newOptionalBinder(binder(), RememberedCounts.class);
    }

    @Provides
    @Singleton
    GrokAdapters grok(Closeables closeables, Optional<Pace.Source> sharedPaces) {
        return closeables.register(GrokAdapters.create(config, sharedPaces.orElse(Pace.Source.LOCAL)));
    }

    /** Metered right around xAI, so the metrics count real calls; the cache answers repeats before that. */
    @Provides
    @Singleton
    PeopleDetector peopleDetector(GrokAdapters grok, MeterRegistry registry,
            Optional<Provider<RememberedCounts>> sharedCounts) {
        PeopleDetector metered = new MeteredPeopleDetector(grok.peopleDetector(), registry);
        if (!repeatWindow.isPositive()) {
            return metered;
        }
        return sharedCounts.map(counts -> new CachedPeopleDetector(metered, counts.get()))
                .orElseGet(() -> new CachedPeopleDetector(metered, repeatWindow, CACHED_DETECTIONS));
    }

    @Provides
    @Singleton
    VideoGenerator videoGenerator(GrokAdapters grok, MeterRegistry registry) {
        return aroundGenerator.apply(new MeteredVideoGenerator(grok.videoGenerator(), registry));
    }

    @Provides
    @Singleton
    ProviderKey providerKey(GrokAdapters grok) {
        return () -> switch (grok.checkApiKey()) {
            case GrokAdapters.KeyStatus.Usable usable -> new ProviderKey.Usable();
            case GrokAdapters.KeyStatus.Refused refused -> new ProviderKey.Refused(refused.why());
            case GrokAdapters.KeyStatus.Unanswered unanswered -> new ProviderKey.Unanswered(unanswered.why());
        };
    }

    @ProvidesIntoSet
    @Singleton
    HealthCheck providerHealth(GrokAdapters grok) {
        GrokHealth health = grok.health();
        return new ProviderHealth(() -> health.endpoints().stream().map(GrokModule::circuit).toList());
    }

    private static ProviderHealth.Circuit circuit(GrokHealth.EndpointHealth endpoint) {
        ProviderHealth.State state = switch (endpoint.state()) {
            case CLOSED -> ProviderHealth.State.CLOSED;
            case HALF_OPEN -> ProviderHealth.State.HALF_OPEN;
            case OPEN -> ProviderHealth.State.OPEN;
        };
        return new ProviderHealth.Circuit(endpoint.name(), state, endpoint.failureRatePercent());
    }
}
