package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.storage.FileSystemConsentStore;
import dev.kisscam.adapter.storage.FileSystemJobStore;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.JobStore;
import java.time.Clock;

/**
 * Jobs and consents as files under STORAGE_PATH, whichever backend holds the media: both storage modules
 * install it. The job store holds a lock on its directory, so one process owns it at a time; it is registered to
 * be closed, which releases the lock.
 */
final class LocalRecordsModule extends AbstractModule {
    private final LocalStorageConfig config;

    LocalRecordsModule(LocalStorageConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    FileSystemJobStore fileSystemJobs(Clock clock, Closeables closeables) {
        return closeables.register(FileSystemJobStore.open(config, clock));
    }

    @Provides
    @Singleton
    JobStore jobs(FileSystemJobStore jobs) {
        return jobs;
    }

    @Provides
    @Singleton
    ConsentStore consents() {
        return FileSystemConsentStore.open(config);
    }
}
