package dev.kisscam.adapter.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.MutableClock;
import dev.kisscam.core.testing.RecordingDelivery;
import dev.kisscam.core.testing.RecordingObserver;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade from the file store, on a STORAGE_PATH that release 0.1 wrote (src/test/resources: its
 * FileSystemJobStore and FileSystemConsentStore saved a job in each state and two consents).
 */
class FileStoreImportTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path storagePath;

    private SqlStores stores;

    @BeforeEach
    void copyTheOldStore() throws IOException, URISyntaxException {
        Path fixture = Path.of(FileStoreImportTest.class.getResource("/file-store-of-release-0.1").toURI());
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path from : files.toList()) {
                Path to = storagePath.resolve(fixture.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(from, to);
                }
            }
        }
        stores = SqlStores.open(SqlConfig.under(storagePath), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void jobs_and_consents_are_imported_once_and_the_directories_moved_aside() throws IOException {
        FileStoreImport.Outcome outcome = stores.importFileStore(storagePath);

        assertThat(outcome.unfinishedJobs()).isEqualTo(4);
        assertThat(outcome.finishedJobs()).isEqualTo(2);
        assertThat(outcome.consents()).isEqualTo(2);
        assertThat(outcome.unreadable()).isEmpty();
        JobStore jobs = stores.jobs();
        assertThat(jobs.unfinished()).extracting(job -> job.id().value())
                .containsExactly("job-generating", "job-queued", "job-draft", "job-delivering");
        assertThat(jobs.find(new JobId("job-generating"))).get().extracting(Job::state)
                .isEqualTo(new JobState.Generating(new GenerationTicket("ticket-generating"), 1,
                        Instant.parse("2026-11-30T09:00:00Z")));
        assertThat(jobs.countDelivered(new RequesterId("telegram:105"))).isOne();
        assertThat(jobs.find(new JobId("job-failed"))).get().extracting(job -> job.state().finished()).isEqualTo(true);
        assertThat(stores.consents().hasConsented(new RequesterId("telegram:101"))).isTrue();
        assertThat(stores.consents().hasConsented(new RequesterId("telegram:102"))).isFalse();

        assertThat(storagePath.resolve("jobs")).doesNotExist();
        assertThat(storagePath.resolve("consent")).doesNotExist();
        assertThat(outcome.movedTo()).hasSize(2).allSatisfy(dir -> assertThat(dir).isDirectory()
                .satisfies(d -> assertThat(d.getFileName().toString()).matches("(jobs|consent)\\.imported-\\d{8}-\\d{6}")));

        assertThat(stores.importFileStore(storagePath).imported()).as("nothing left to import").isFalse();
        assertThat(jobs.unfinished()).hasSize(4);
    }

    @Test
    void the_imported_jobs_continue_and_the_one_at_the_provider_is_polled_not_submitted_again() throws Exception {
        stores.importFileStore(storagePath);
        var generator = new FakeVideoGenerator();
        generator.knowsTicket(new GenerationTicket("ticket-generating"), new GenerationStatus.Pending(50),
                FakeVideoGenerator.ready());
        var delivery = new RecordingDelivery();
        var core = Kisscam.builder().mediaStore(new InMemoryMediaStore()).jobStore(stores.jobs())
                .consentStore(stores.consents()).quota(new InMemoryQuota(10, Duration.ofHours(1)))
                .peopleDetector(new FakePeopleDetector()).videoGenerator(generator).delivery(delivery)
                .settings(KisscamSettings.defaults().withPositionNoticeInterval(Duration.ZERO))
                // a minute after the release wrote them: the job at the provider has not timed out
                .clock(MutableClock.startingAt("2026-11-30T09:01:00Z")).observer(new RecordingObserver()).build();
        core.start();
        try {
            JobId atProvider = new JobId("job-generating");
            assertThat(delivery.await(RecordingDelivery.VideoReady.class, atProvider, WAIT).video()).isNotEmpty();
            assertThat(generator.submissions()).extracting(GenerationRequest::job).doesNotContain(atProvider);
            assertThat(generator.polls()).isPositive();
        } finally {
            core.close(WAIT);
        }
    }

    @Test
    void a_bot_of_the_earlier_release_still_running_stops_the_import() throws IOException {
        try (FileChannel oldBot = FileChannel.open(storagePath.resolve("jobs/lock"), StandardOpenOption.WRITE);
                FileLock held = oldBot.lock()) {
            assertThat(held.isValid()).isTrue();
            assertThatThrownBy(() -> stores.importFileStore(storagePath)).isInstanceOf(JobStoreException.class)
                    .hasMessageContaining("in use by a running bot of an earlier release");
        }
        assertThat(stores.jobs().unfinished()).isEmpty();
        assertThat(storagePath.resolve("jobs/active")).isDirectory();
    }

    @Test
    void an_unreadable_record_is_named_left_in_the_moved_directory_and_the_rest_imported() throws IOException {
        Files.writeString(storagePath.resolve("jobs/active/garbage.json"), "{\"format\":4,");

        FileStoreImport.Outcome outcome = stores.importFileStore(storagePath);

        assertThat(outcome.unfinishedJobs()).isEqualTo(4);
        assertThat(outcome.unreadable()).extracting(path -> path.getFileName().toString()).containsExactly("garbage.json");
        Path movedJobs = outcome.movedTo().stream().filter(dir -> dir.getFileName().toString().startsWith("jobs")).findFirst()
                .orElseThrow();
        assertThat(movedJobs.resolve("active/garbage.json")).exists();
    }
}
