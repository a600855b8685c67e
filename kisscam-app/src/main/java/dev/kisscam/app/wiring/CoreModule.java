package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.dashboard.RecentJobs;
import dev.kisscam.app.logging.FailedJobReports;
import dev.kisscam.app.metrics.JobObservers;
import dev.kisscam.app.metrics.MicrometerJobObserver;
import dev.kisscam.app.quota.CaffeineQuota;
import dev.kisscam.app.repeat.CaffeineEarlierVideos;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.service.job.LocalGenerationSlots;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The core, its settings, the in-process quota, the repeat rule's memory and the metrics it reports through.
 */
final class CoreModule extends AbstractModule {
    private final KisscamSettings settings;
    private final AppConfig.Limits limits;

    CoreModule(KisscamSettings settings, AppConfig.Limits limits) {
        this.settings = settings;
        this.limits = limits;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        // This process's own slots unless a module shares them between instances.
        OptionalBinder.newOptionalBinder(binder(), GenerationSlots.class);
    }

    private static final String REFUSED_PHOTOS = "refused-photos";
    /** About 2 MB each at 480p for 6 s: a few hundred MB of media at most. */
    static final int KEPT_VIDEOS = 200;

    @Provides
    @Singleton
    KisscamSettings settings() {
        return settings;
    }

    @Provides
    @Singleton
    EarlierVideos earlierVideos(MeterRegistry registry) {
        if (!settings.repeatWindow().isPositive()) {
            return EarlierVideos.NONE;
        }
        var videos = new CaffeineEarlierVideos(KEPT_VIDEOS);
        Gauge.builder("kisscam_repeat_cache_videos", videos, CaffeineEarlierVideos::keptVideos)
                .description("videos kept to answer a requester who sends the same photos again").register(registry);
        return videos;
    }

    @Provides
    @Singleton
    CaffeineQuota caffeineQuota(MeterRegistry registry) {
        var quota = new CaffeineQuota(limits.rateLimitRequests(), limits.rateLimitPeriod());
        Gauge.builder("kisscam_active_users", quota, CaffeineQuota::activeRequesters)
                .description("users who asked for a video within the current quota period").register(registry);
        return quota;
    }

    @Provides
    @Singleton
    Quota quota(CaffeineQuota quota) {
        return quota;
    }

    /** Refused photos each cost a paid look; a separate, more generous allowance than the videos'. */
    @Provides
    @Singleton
    @Named(REFUSED_PHOTOS)
    Quota refusedPhotos() {
        return new CaffeineQuota(limits.refusedPhotosLimit(), limits.rateLimitPeriod());
    }

    /** The last jobs the dashboard lists. */
    static final int RECENT_JOBS = 50;

    @Provides
    @Singleton
    RecentJobs recentJobs() {
        return new RecentJobs(RECENT_JOBS);
    }

    @Provides
    @Singleton
    JobObserver observer(MeterRegistry registry, RecentJobs recentJobs, AppConfig config) {
        var observers = new ArrayList<JobObserver>(List.of(new MicrometerJobObserver(registry), recentJobs));
        if (config.operations().sentryDsn().isPresent()) {
            observers.add(new FailedJobReports());
        }
        return new JobObservers(observers);
    }

    @Provides
    @Singleton
    Kisscam kisscam(MediaStore media, JobStore jobs, ConsentStore consents, Quota quota,
            @Named(REFUSED_PHOTOS) Quota refusedPhotos, PeopleDetector detector, VideoGenerator generator,
            Delivery delivery, EarlierVideos earlierVideos, KisscamSettings settings, Clock clock, JobObserver observer,
            Optional<GenerationSlots> sharedSlots) {
        return Kisscam.builder().mediaStore(media).jobStore(jobs).consentStore(consents).quota(quota)
                .refusedPhotoQuota(refusedPhotos)
                .peopleDetector(detector).videoGenerator(generator).delivery(delivery).earlierVideos(earlierVideos)
                .settings(settings).clock(clock).observer(observer)
                .generationSlots(sharedSlots.orElseGet(() -> new LocalGenerationSlots(settings.maxConcurrentGenerations())))
                .build();
    }
}
