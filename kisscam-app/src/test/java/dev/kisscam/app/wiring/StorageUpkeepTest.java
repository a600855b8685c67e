package dev.kisscam.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.sql.SqlStores;
import dev.kisscam.adapter.storage.FileSystemMediaStore;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.storage.MediaSweeper;
import dev.kisscam.app.http.HealthCheck;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageUpkeepTest {
    @TempDir
    Path storage;

    @Test
    void health_is_up_while_media_and_records_answer_and_down_naming_the_database_when_it_does_not() {
        var media = FileSystemMediaStore.open(LocalStorageConfig.at(storage));
        var sweeper = MediaSweeper.of(media, LocalStorageConfig.DEFAULT_MEDIA_TTL, Clock.systemUTC(), key -> false);
        SqlStores records = SqlStores.open(SqlConfig.under(storage), Clock.systemUTC());

        HealthCheck.Status up = new StorageUpkeep(media, media.location(), sweeper, records).check();
        records.close();
        HealthCheck.Status down = new StorageUpkeep(media, media.location(), sweeper, records).check();

        assertThat(up.up()).isTrue();
        assertThat(up.details()).containsEntry("media", media.location())
                .containsEntry("records", "sqlite:" + storage.resolve("kisscam.db"));
        assertThat(down.up()).isFalse();
        assertThat(down.details().get("error")).asString().contains("sqlite:" + storage.resolve("kisscam.db"));
    }
}
