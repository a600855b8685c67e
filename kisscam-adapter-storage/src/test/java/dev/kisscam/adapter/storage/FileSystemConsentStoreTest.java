package dev.kisscam.adapter.storage;

import static dev.kisscam.adapter.storage.FileSystemMediaStoreTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.ConsentStoreException;
import dev.kisscam.core.testing.ConsentStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemConsentStoreTest extends ConsentStoreContract {

    @TempDir
    Path dir;

    private LocalStorageConfig config() {
        return LocalStorageConfig.at(dir.resolve("storage"));
    }

    @Override
    protected ConsentStore newStore() {
        return FileSystemConsentStore.open(config());
    }

    @Override
    protected ConsentStore reopen() {
        return FileSystemConsentStore.open(config());
    }

    @Test
    void the_record_says_who_consented_when_and_keeps_the_first_time() throws Exception {
        ConsentStore store = newStore();
        var requester = new RequesterId("telegram:../../etc/passwd");
        store.recordConsent(requester, Instant.parse("2026-11-26T10:00:00Z"));
        store.recordConsent(requester, Instant.parse("2026-11-27T10:00:00Z"));

        try (var files = Files.list(config().consentPath())) {
            var records = files.filter(Files::isRegularFile).toList();
            assertThat(records).hasSize(1);
            assertThat(records.getFirst().getFileName().toString()).matches("[0-9a-f]{64}\\.json");
            var record = RecordCodec.decode(Files.readAllBytes(records.getFirst()), FileSystemConsentStore.ConsentRecord.class);
            assertThat(record).isEqualTo(new FileSystemConsentStore.ConsentRecord(requester.value(),
                    Instant.parse("2026-11-26T10:00:00Z")));
        }
    }

    @Test
    void a_consent_recorded_from_an_interrupted_thread_is_durable_and_leaves_it_interrupted() throws Exception {
        ConsentStore store = newStore();
        var requester = new RequesterId("telegram:1");

        var outcome = InterruptedCaller.callInterrupted(() -> {
            store.recordConsent(requester, Instant.parse("2026-11-26T10:00:00Z"));
            return null;
        });

        assertThat(outcome.stillInterrupted()).isTrue();
        assertThat(reopen().hasConsented(requester)).isTrue();
    }

    @Test
    void a_half_written_record_left_by_a_crash_is_discarded_at_open() throws Exception {
        ConsentStore store = newStore();
        store.recordConsent(new RequesterId("telegram:1"), Instant.now());
        Path half = Files.writeString(config().consentPath().resolve("tmp/abc.json.1.tmp"), "{\"requ");

        ConsentStore reopened = reopen();

        assertThat(half).doesNotExist();
        assertThat(count(config().consentPath().resolve("tmp"))).isZero();
        assertThat(reopened.hasConsented(new RequesterId("telegram:1"))).isTrue();
    }

    @Test
    void a_consent_that_cannot_be_written_is_reported_with_the_path() throws IOException {
        ConsentStore store = newStore();
        Path tmp = config().consentPath().resolve("tmp");
        Files.delete(tmp);
        Files.writeString(tmp, "in the way");

        assertThatThrownBy(() -> store.recordConsent(new RequesterId("telegram:1"), Instant.now()))
                .isInstanceOf(ConsentStoreException.class)
                .hasMessageContaining(config().consentPath().toString());
        Files.delete(tmp);
        assertThat(reopen().hasConsented(new RequesterId("telegram:1"))).isFalse();
    }

    @Test
    void a_consent_directory_below_a_regular_file_is_reported_with_the_path() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> FileSystemConsentStore.open(LocalStorageConfig.at(file.resolve("storage"))))
                .isInstanceOf(ConsentStoreException.class)
                .hasMessageContaining(file.resolve("storage").toString());
    }
}
