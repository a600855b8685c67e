package dev.kisscam.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.testing.MediaStoreContract;
import dev.kisscam.core.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemMediaStoreTest extends MediaStoreContract
        implements InterruptProofPutContract, SweepKeepsMediaInUseContract {

    @TempDir
    Path dir;

    private LocalStorageConfig config;

    @Override
    protected MediaStore newStore() {
        config = LocalStorageConfig.at(dir.resolve("storage"));
        return FileSystemMediaStore.open(config);
    }

    @Override
    public MediaStore storeUnderTest() {
        return store;
    }

    @Override
    public MediaStore reopenedStore() {
        return FileSystemMediaStore.open(config);
    }

    @Override
    public MediaSweeper sweeper(Duration ttl, Clock clock, Predicate<MediaKey> inUse) {
        return MediaSweeper.of((FileSystemMediaStore) store, ttl, clock, inUse);
    }

    @Override
    protected long leftoversAfterFailedPut() throws IOException {
        return count(config.mediaPath()) + count(config.tempPath());
    }

    @Test
    void a_put_in_progress_is_invisible_in_the_media_directory_and_leaves_no_temporary_file() throws Exception {
        var firstHalfSent = new CountDownLatch(1);
        var sendTheRest = new CountDownLatch(1);
        InputStream slowSender = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served == 1000) {
                    firstHalfSent.countDown();
                    await(sendTheRest);
                }
                return served++ < 2000 ? 5 : -1;
            }
        };
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var put = executor.submit(() -> store.put(MediaKind.VIDEO, slowSender));
            assertThat(firstHalfSent.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(count(config.mediaPath())).isZero();
            assertThat(count(config.tempPath())).isOne();

            sendTheRest.countDown();
            assertThat(put.get().sizeBytes()).isEqualTo(2000);
        }
        assertThat(count(config.mediaPath())).isOne();
        assertThat(count(config.tempPath())).isZero();
    }

    @Test
    void opening_deletes_partial_files_an_earlier_run_left_and_keeps_stored_media() throws Exception {
        var kept = store.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Path orphan = config.tempPath().resolve("put-123.part");
        Files.write(orphan, new byte[4096]);

        MediaStore reopened = FileSystemMediaStore.open(config);

        assertThat(orphan).doesNotExist();
        try (InputStream in = reopened.open(kept.key())) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../etc/passwd", "..", ".", "a/b", "/etc/passwd", "photo-1/../../x", "PHOTO-1", "photo-1\u0000",
            "..%2fetc", ""})
    void a_key_cannot_name_a_path(String attempt) {
        assertThatThrownBy(() -> new MediaKey(attempt)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secret", "..", ".", "a/b", "/etc/passwd", "x/../../secret", "x/../y", ""})
    void the_store_never_resolves_a_name_outside_its_directory(String attempt) {
        Path root = dir.resolve("storage/media");
        assertThatThrownBy(() -> SafeNames.resolveInside(root, attempt)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_symbolic_link_planted_in_the_media_directory_is_never_followed() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "the bot token");
        var key = new MediaKey("photo-planted");
        Path link = Files.createSymbolicLink(config.mediaPath().resolve(key.value()), secret);

        assertThatThrownBy(() -> store.open(key))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(link.toString());
        assertThatThrownBy(() -> store.size(key)).isInstanceOf(MediaStoreException.NotFound.class);
        store.delete(key);
        assertThat(link).doesNotExist();
        assertThat(secret).hasContent("the bot token");
    }

    @Test
    void a_storage_path_below_a_regular_file_is_reported_with_the_path() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path storage = file.resolve("storage");

        assertThatThrownBy(() -> FileSystemMediaStore.open(LocalStorageConfig.at(storage)))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(storage.toString());
    }

    @Test
    void a_storage_path_nobody_may_write_is_reported_with_the_path() {
        // Tests run as root, which may write anywhere a permission bit forbids; /proc refuses even root.
        Path storage = Path.of("/proc/kisscam-storage");
        assumeTrue(Files.isDirectory(Path.of("/proc")), "needs /proc");

        assertThatThrownBy(() -> FileSystemMediaStore.open(LocalStorageConfig.at(storage)))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(storage.toString());
    }

    @Test
    void a_temporary_directory_that_became_unusable_fails_the_put_naming_it() throws IOException {
        Files.delete(config.tempPath());
        Files.writeString(config.tempPath(), "in the way");

        assertThatThrownBy(() -> store.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(config.tempPath().toString());
    }

    @Test
    void a_media_directory_that_became_unusable_fails_the_put_naming_it_and_leaves_nothing_behind() throws IOException {
        Files.delete(config.mediaPath());
        Files.writeString(config.mediaPath(), "in the way");

        assertThatThrownBy(() -> store.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[10])))
                .isInstanceOf(MediaStoreException.class)
                .hasMessageContaining(config.mediaPath().toString());
        assertThat(count(config.tempPath())).isZero();
    }

    @Test
    @Timeout(120)
    void a_write_that_fails_part_way_like_on_a_full_disk_is_reported_naming_the_file_and_leaves_nothing() throws Exception {
        // A real full disk cannot be made without privileges; a file size limit makes write() fail part-way in
        // the same place (EFBIG instead of ENOSPC). The JVM ignores SIGXFSZ, so the write reports an IOException.
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "needs bash for ulimit");
        Path storage = dir.resolve("limited");
        try (var child = ChildJvm.start(List.of("/bin/bash", "-c", "ulimit -f 2048 && exec \"$@\"", "ulimit"),
                List.of("-Xmx64m"), MediaStoreChildren.PutTooLarge.class, storage.toString(), String.valueOf(8 << 20))) {
            var result = child.awaitExit(100);

            assertThat(result.exitCode()).as(result.text()).isZero();
            assertThat(result.text())
                    .contains("MediaStoreException")
                    .contains("cannot write " + storage.resolve("tmp"))
                    .contains("File too large");
        }
        var config = LocalStorageConfig.at(storage);
        assertThat(count(config.tempPath())).isZero();
        assertThat(count(config.mediaPath())).isZero();
    }

    @Test
    @Timeout(300)
    void two_hundred_megabytes_stream_through_a_32_megabyte_heap() throws Exception {
        long size = 200L << 20;
        try (var child = ChildJvm.start(List.of("-Xmx32m"), MediaStoreChildren.LocalRoundTrip.class,
                dir.resolve("big").toString(), String.valueOf(size))) {
            var result = child.awaitExit(280);

            assertThat(result.exitCode()).as(result.text()).isZero();
            assertThat(result.text()).contains("round trip of " + size + " bytes intact");
        }
    }

    @Test
    @Timeout(120)
    void a_writer_killed_mid_put_leaves_earlier_media_readable_and_the_store_reopens_clean() throws Exception {
        byte[] earlier = "an earlier photo".getBytes(StandardCharsets.UTF_8);
        var stored = store.put(MediaKind.PHOTO, new ByteArrayInputStream(earlier));

        try (var child = ChildJvm.start(List.of("-Xmx64m"), MediaStoreChildren.EndlessPut.class,
                config.storagePath().toString())) {
            assertThat(child.readLine()).isEqualTo("one megabyte sent");
            child.kill();
        }
        assertThat(count(config.tempPath())).as("the killed writer's partial file").isOne();

        MediaStore reopened = FileSystemMediaStore.open(config);

        assertThat(count(config.tempPath())).isZero();
        assertThat(count(config.mediaPath())).isOne();
        try (InputStream in = reopened.open(stored.key())) {
            assertThat(in.readAllBytes()).isEqualTo(earlier);
        }
    }

    @ParameterizedTest(name = "by an interrupted thread: {0}")
    @ValueSource(booleans = {false, true})
    void a_temporary_directory_on_another_filesystem_is_copied_across_then_renamed(boolean interrupted) throws Exception {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
                && !Files.getFileStore(shm).equals(Files.getFileStore(dir)), "needs /dev/shm on another filesystem");
        Path temp = Files.createTempDirectory(shm, "kisscam-test-");
        try {
            var crossConfig = LocalStorageConfig.at(dir.resolve("cross")).withTempPath(temp);
            var crossStore = FileSystemMediaStore.open(crossConfig);

            var outcome = interrupted
                    ? InterruptedCaller.callInterrupted(() -> crossStore.put(MediaKind.VIDEO, new SeededStream(3_000_000, 9)))
                    : new InterruptedCaller.Outcome<>(crossStore.put(MediaKind.VIDEO, new SeededStream(3_000_000, 9)), false);
            var stored = outcome.value();

            assertThat(outcome.stillInterrupted()).isEqualTo(interrupted);

            try (InputStream in = crossStore.open(stored.key())) {
                assertThat(sha256(in)).isEqualTo(sha256(new SeededStream(3_000_000, 9)));
            }
            assertThat(count(temp)).isZero();
            assertThat(count(crossConfig.mediaPath())).isOne();
        } finally {
            try (Stream<Path> files = Files.list(temp)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(temp);
        }
    }

    @Test
    void the_sweeper_deletes_media_and_partial_files_older_than_the_ttl_and_keeps_the_rest() throws Exception {
        var old = store.put(MediaKind.PHOTO, new ByteArrayInputStream(new byte[] {1}));
        var fresh = store.put(MediaKind.VIDEO, new ByteArrayInputStream(new byte[] {2}));
        Path oldPart = Files.write(config.tempPath().resolve("put-1.part"), new byte[] {3});
        Path freshPart = Files.write(config.tempPath().resolve("put-2.part"), new byte[] {4});
        Instant now = Instant.now();
        age(config.mediaPath().resolve(old.key().value()), now.minus(Duration.ofHours(25)));
        age(oldPart, now.minus(Duration.ofHours(25)));

        int deleted = sweeper(Duration.ofHours(24), Clock.systemUTC(), key -> false).sweepOnce();

        assertThat(deleted).isEqualTo(2);
        assertThatThrownBy(() -> store.open(old.key())).isInstanceOf(MediaStoreException.NotFound.class);
        assertThat(store.size(fresh.key())).isOne();
        assertThat(oldPart).doesNotExist();
        assertThat(freshPart).exists();
    }

    @Test
    @Timeout(30)
    void the_sweeper_runs_periodically_keeps_going_after_a_failure_and_stops_when_closed() throws Exception {
        var cutoffs = new LinkedBlockingQueue<Instant>();
        var calls = new AtomicInteger();
        var clock = new MutableClock(Instant.parse("2026-11-26T12:00:00Z"));
        ExpiringMedia media = new ExpiringMedia() {
            @Override
            public int deleteUnusedOlderThan(Instant cutoff, Predicate<MediaKey> inUse) {
                if (calls.incrementAndGet() == 2) {
                    throw new MediaStoreException("the disk went away for a moment");
                }
                cutoffs.add(cutoff);
                return 0;
            }

            @Override
            public String location() {
                return "fake";
            }
        };

        try (var sweeper = new MediaSweeper(media, Duration.ofHours(24), clock, key -> false)) {
            sweeper.start(Duration.ofMillis(10));
            assertThat(cutoffs.poll(10, TimeUnit.SECONDS)).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
            clock.advance(Duration.ofHours(1));
            assertThat(cutoffs.poll(10, TimeUnit.SECONDS)).isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
            assertThatThrownBy(() -> sweeper.start(Duration.ofMillis(10))).isInstanceOf(IllegalStateException.class);
            sweeper.close();
            int callsWhenClosed = calls.get();
            cutoffs.clear();
            sweeper.close();
            assertThat(calls.get()).as("no sweep after close returned").isEqualTo(callsWhenClosed);
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(3);
    }

    private static void age(Path file, Instant modified) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(modified));
    }

    static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
