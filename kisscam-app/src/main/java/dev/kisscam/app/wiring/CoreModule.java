package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.dashboard.RecentJobs;
import dev.kisscam.app.logging.FailedJobReports;
import dev.kisscam.app.metrics.JobObservers;
import dev.kisscam.app.metrics.MicrometerJobObserver;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.SpendLedger;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.service.job.LocalGenerationSlots;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The core, its settings and the metrics it reports through; its records come from the {@link SqlModule}. */
final class CoreModule extends AbstractModule {
    private final KisscamSettings settings;

    CoreModule(KisscamSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(Clock.class).toInstance(Clock.systemUTC());
        // This process's own slots unless a module shares them between instances.
        OptionalBinder.newOptionalBinder(binder(), GenerationSlots.class);
    }

    @Provides
    @Singleton
    KisscamSettings settings() {
        return settings;
    }

    @Provides
    @Singleton
    RecentJobs recentJobs() {
        return new RecentJobs(RECENT_JOBS);
    }

    /**
     * This instance's name in the job leases. Over SQLite there is one process, named {@code local} as ever. Over a
     * shared database the name is unique among the instances, so one never renews or releases another's jobs, and
     * the same after a restart on the same host and port, so a restarted instance takes its own jobs back at once.
     * With PORT=0 the port is unknown until it listens: the process id keeps the name unique, and the jobs come
     * back when their leases end.
     */
    static String processName(AppConfig config) {
        if (config.database().dialect() != SqlConfig.Dialect.POSTGRESQL) {
            return "local";
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        int port = config.server().port();
        return host + ":" + (port != 0 ? String.valueOf(port) : "pid" + ProcessHandle.current().pid());
    }

    /** The last jobs the dashboard lists. */
    static final int RECENT_JOBS = 50;

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
            @Named(SqlModule.REFUSED_PHOTOS) Quota refusedPhotos, SpendLedger spendLedger, PeopleDetector detector,
            VideoGenerator generator, Delivery delivery, EarlierVideos earlierVideos, KisscamSettings settings,
            Clock clock, JobObserver observer, Optional<GenerationSlots> sharedSlots, AppConfig config) {
        return Kisscam.builder().processName(processName(config)).mediaStore(media).jobStore(jobs).consentStore(consents).quota(quota)
                .refusedPhotoQuota(refusedPhotos).spendLedger(spendLedger)
                .peopleDetector(detector).videoGenerator(generator).delivery(delivery).earlierVideos(earlierVideos)
                .settings(settings).clock(clock).observer(observer)
                .generationSlots(sharedSlots.orElseGet(() -> new LocalGenerationSlots(settings.maxConcurrentGenerations())))
                .build();
    }
}
