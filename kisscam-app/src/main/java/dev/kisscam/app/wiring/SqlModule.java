package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.sql.SqlEarlierVideos;
import dev.kisscam.adapter.sql.SqlQuota;
import dev.kisscam.adapter.sql.SqlStores;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.SpendLedger;
import dev.kisscam.core.service.KisscamSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The records in the database DATABASE_URL names (SQLite under STORAGE_PATH by default): jobs, consents, both
 * quotas, the spend ledger and the repeat rule's memory. Opening it, when first asked for, migrates the schema
 * and imports the file store an earlier release left under STORAGE_PATH; it is registered to be closed after
 * everything that uses it.
 */
final class SqlModule extends AbstractModule {
    static final String REFUSED_PHOTOS = "refused-photos";
    /** About 2 MB each at 480p for 6 s: a few hundred MB of media at most. */
    static final int KEPT_VIDEOS = 200;
    private static final System.Logger LOG = System.getLogger(SqlModule.class.getName());

    private final SqlConfig database;
    private final Path storagePath;
    private final AppConfig.Limits limits;

    /** @param storagePath where an earlier release may have left its job and consent files */
    SqlModule(SqlConfig database, Path storagePath, AppConfig.Limits limits) {
        this.database = database;
        this.storagePath = storagePath;
        this.limits = limits;
    }

    @Provides
    @Singleton
    SqlStores stores(Clock clock, Closeables closeables) {
        SqlStores stores = closeables.register(SqlStores.open(database, clock));
        stores.importFileStore(storagePath);
        LOG.log(System.Logger.Level.INFO, "jobs and the other records are in " + stores.location());
        return stores;
    }

    @Provides
    @Singleton
    JobStore jobs(SqlStores stores) {
        return stores.jobs();
    }

    @Provides
    @Singleton
    ConsentStore consents(SqlStores stores) {
        return stores.consents();
    }

    @Provides
    @Singleton
    SpendLedger spendLedger(SqlStores stores) {
        return stores.spendLedger();
    }

    @Provides
    @Singleton
    Quota quota(SqlStores stores, MeterRegistry registry, Clock clock) {
        SqlQuota quota = stores.quota("videos", limits.rateLimitRequests(), limits.rateLimitPeriod());
        Gauge.builder("kisscam_active_users", quota, q -> q.activeRequesters(clock.instant()))
                .description("users who asked for a video within the current quota period").register(registry);
        return quota;
    }

    /** Refused photos each cost a paid look; a separate, more generous allowance than the videos'. */
    @Provides
    @Singleton
    @Named(REFUSED_PHOTOS)
    Quota refusedPhotos(SqlStores stores) {
        return stores.quota(REFUSED_PHOTOS, limits.refusedPhotosLimit(), limits.rateLimitPeriod());
    }

    @Provides
    @Singleton
    EarlierVideos earlierVideos(KisscamSettings settings, SqlStores stores, MeterRegistry registry) {
        if (!settings.repeatWindow().isPositive()) {
            return EarlierVideos.NONE;
        }
        SqlEarlierVideos videos = stores.earlierVideos(KEPT_VIDEOS);
        Gauge.builder("kisscam_repeat_cache_videos", videos, SqlEarlierVideos::keptVideos)
                .description("videos kept to answer a requester who sends the same photos again").register(registry);
        return videos;
    }
}
