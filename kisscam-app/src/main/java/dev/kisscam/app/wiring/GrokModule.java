package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.grok.GrokAdapters;
import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.http.ProviderHealth;
import dev.kisscam.app.provider.CachedPeopleDetector;
import dev.kisscam.app.provider.MeteredPeopleDetector;
import dev.kisscam.app.provider.MeteredVideoGenerator;
import io.micrometer.core.instrument.MeterRegistry;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.VideoGenerator;
import java.time.Duration;

/** People detection and video generation at xAI. Building the client does no I/O; the first call does. */
final class GrokModule extends AbstractModule {
    static final int CACHED_DETECTIONS = 10_000;

    private final GrokConfig config;
    private final Duration repeatWindow;

    /** @param repeatWindow how long a photo's people count is remembered by its digest (zero: never) */
    GrokModule(AppConfig.Grok grok, Duration repeatWindow) {
        this.repeatWindow = repeatWindow;
        var builder = GrokConfig.builder(grok.apiKey().value())
                .baseUrl(grok.apiUrl())
                .videoModel(grok.videoModel())
                .visionModel(grok.visionModel())
                .pollInterval(grok.pollInterval())
                .generationTimeout(grok.generationTimeout())
                .durationSeconds(grok.videoDurationSeconds())
                .resolution(grok.videoResolution())
                .rateLimit(new GrokConfig.RateLimitSettings(grok.requestsPerSecond(), Duration.ofSeconds(1),
                        GrokConfig.RateLimitSettings.DEFAULT.maxWait()));
        grok.userHashSecret().ifPresent(secret -> builder.userHashSecret(secret.value()));
        this.config = builder.build();
    }

    @Provides
    @Singleton
    GrokAdapters grok() {
        return GrokAdapters.create(config);
    }

    /** Metered right around xAI, so the metrics count real calls; the cache answers repeats before that. */
    @Provides
    @Singleton
    PeopleDetector peopleDetector(GrokAdapters grok, MeterRegistry registry) {
        PeopleDetector metered = new MeteredPeopleDetector(grok.peopleDetector(), registry);
        return repeatWindow.isPositive() ? new CachedPeopleDetector(metered, repeatWindow, CACHED_DETECTIONS) : metered;
    }

    @Provides
    @Singleton
    VideoGenerator videoGenerator(GrokAdapters grok, MeterRegistry registry) {
        return new MeteredVideoGenerator(grok.videoGenerator(), registry);
    }

    @Provides
    @Singleton
    ProviderHealth providerHealth(GrokAdapters grok) {
        return new ProviderHealth(grok.health());
    }
}
