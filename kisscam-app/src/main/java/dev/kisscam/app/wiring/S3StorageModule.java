package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.storage.MediaSweeper;
import dev.kisscam.adapter.sql.SqlStores;
import dev.kisscam.adapter.storage.S3MediaStore;
import dev.kisscam.adapter.storage.S3StorageConfig;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.service.Kisscam;
import java.time.Clock;

/**
 * Photos and videos in an S3 bucket. Connecting (and
 * creating a missing bucket) happens when the media store is first asked for, not when the module loads.
 */
final class S3StorageModule extends AbstractModule {
    private final S3StorageConfig s3;
    private final LocalStorageConfig local;

    S3StorageModule(S3StorageConfig s3, LocalStorageConfig local) {
        this.s3 = s3;
        this.local = local;
    }

    @Provides
    @Singleton
    S3MediaStore s3Media(Closeables closeables) {
        return closeables.register(S3MediaStore.connect(s3));
    }

    @Provides
    @Singleton
    MediaStore media(S3MediaStore media) {
        return media;
    }

    @Provides
    @Singleton
    StorageUpkeep upkeep(S3MediaStore media, SqlStores records, Clock clock, Closeables closeables,
            Provider<Kisscam> core) {
        var sweeper = MediaSweeper.of(media, s3.mediaTtl(), clock, new MediaInUse(core));
        return closeables.register(new StorageUpkeep(media, media.location(), sweeper, records));
    }
}
