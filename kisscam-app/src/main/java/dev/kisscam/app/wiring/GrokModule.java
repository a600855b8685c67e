package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.grok.GrokAdapters;
import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.http.ProviderHealth;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.VideoGenerator;
import java.nio.file.Path;
import java.time.Duration;

/** People detection and video generation at xAI. Building the client does no I/O; the first call does. */
final class GrokModule extends AbstractModule {
    private final GrokConfig config;
    private final Duration repeatWindow;
    private final Path repeatCache;

    /**
     * @param repeatWindow how long an identical photo set gets the earlier video (zero: never)
     * @param storagePath where the earlier videos are kept meanwhile, in {@code repeat-cache/}
     */
    GrokModule(AppConfig.Grok grok, Duration repeatWindow, Path storagePath) {
        this.repeatWindow = repeatWindow;
        this.repeatCache = storagePath.resolve("repeat-cache");
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

    @Provides
    @Singleton
    PeopleDetector peopleDetector(GrokAdapters grok) {
        return grok.peopleDetector();
    }

    @Provides
    @Singleton
    VideoGenerator videoGenerator(GrokAdapters grok) {
        return grok.videoGenerator();
    }

    @Provides
    @Singleton
    ProviderHealth providerHealth(GrokAdapters grok) {
        return new ProviderHealth(grok.health());
    }
}
