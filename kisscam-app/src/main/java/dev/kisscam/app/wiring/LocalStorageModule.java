package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.storage.FileSystemMediaStore;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.storage.MediaSweeper;
import dev.kisscam.adapter.sql.SqlStores;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.service.Kisscam;
import java.time.Clock;

/** Photos and videos as files under STORAGE_PATH. Opens nothing until first asked. */
final class LocalStorageModule extends AbstractModule {
    private final LocalStorageConfig config;

    LocalStorageModule(LocalStorageConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    FileSystemMediaStore fileSystemMedia() {
        return FileSystemMediaStore.open(config);
    }

    @Provides
    @Singleton
    MediaStore media(FileSystemMediaStore media) {
        return media;
    }

    @Provides
    @Singleton
    StorageUpkeep upkeep(FileSystemMediaStore media, SqlStores records, Clock clock, Closeables closeables,
            Provider<Kisscam> core) {
        var sweeper = MediaSweeper.of(media, config.mediaTtl(), clock, new MediaInUse(core));
        return closeables.register(new StorageUpkeep(media, media.location(), sweeper, records));
    }
}
