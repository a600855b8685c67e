package dev.kisscam.adapter.storage;

import static dev.kisscam.adapter.storage.FileSystemMediaStoreTest.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.testing.JobStoreContract;
import dev.kisscam.core.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileSystemJobStoreTest extends JobStoreContract {

    @TempDir
    Path dir;

    private LocalStorageConfig config;
    private MutableClock clock;
    private FileSystemJobStore open;

    @Override
    protected JobStore newStore() {
        config = LocalStorageConfig.at(dir.resolve("storage"));
        clock = new MutableClock(Instant.now());
        open = FileSystemJobStore.open(config, clock);
        return open;
    }

    /** What a restart does: the old store lets go of the directory, a new one reads it. */
    @Override
    protected FileSystemJobStore reopen() {
        open.close();
        open = FileSystemJobStore.open(config, clock);
        return open;
    }

    @AfterEach
    void closeStore() {
        open.close();
    }

    private Path jobs(String sub) {
        return config.jobsPath().resolve(sub);
    }

    @Test
    void finished_jobs_are_kept_apart_from_unfinished_ones() {
        Job queued = sampleJob(1, new JobState.Queued());
        Job done = sampleJob(2, new JobState.Done(T0));
        store.save(queued);
        store.save(done);

        assertThat(jobs("active").resolve(queued.id() + ".json")).exists();
        assertThat(jobs("finished").resolve(done.id() + ".json")).exists();
        assertThat(jobs("active").resolve(done.id() + ".json")).doesNotExist();
    }

    @Test
    void a_second_store_on_the_same_directory_is_refused_while_the_first_is_open() {
        assertThatThrownBy(() -> FileSystemJobStore.open(config, clock))
                .isInstanceOf(JobStoreException.class)
                .hasMessageContaining(config.jobsPath().toString())
                .hasMessageContaining("already open");
    }

    @Test
    void a_half_written_temporary_file_is_discarded_and_the_previous_state_stays_whole() throws IOException {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);
        Path half = jobs("tmp").resolve(job.id() + ".json.123.tmp");
        Files.writeString(half, "{\"format\":1,\"id\":\"" + job.id() + "\",\"sequ");

        JobStore reopened = reopen();

        assertThat(reopened.find(job.id())).contains(job);
        assertThat(reopened.unfinished()).containsExactly(job);
        assertThat(half).doesNotExist();
    }

    @Test
    void a_corrupt_record_is_moved_aside_and_the_others_load() throws IOException {
        Job good = sampleJob(1, new JobState.Queued());
        Job damaged = sampleJob(2, new JobState.Queued());
        store.save(good);
        store.save(damaged);
        Path damagedFile = jobs("active").resolve(damaged.id() + ".json");
        byte[] bytes = Files.readAllBytes(damagedFile);
        Files.write(damagedFile, Arrays.copyOf(bytes, bytes.length / 2));
        Path garbage = Files.writeString(jobs("active").resolve("garbage.json"), "\u0000\u0001 not json");
        JobRecord valid = JobRecord.from(sampleJob(3, new JobState.Queued()));
        Path invalid = Files.write(jobs("active").resolve("invalid.json"), RecordCodec.encode(new JobRecord(valid.format(),
                "not a valid id!", valid.sequence(), valid.requester(), valid.photos(), valid.state(), valid.createdAt(),
                valid.updatedAt(), valid.spends(), valid.direction())));

        JobStore reopened = reopen();

        assertThat(reopened.unfinished()).containsExactly(good);
        assertThat(reopened.find(damaged.id())).isEmpty();
        assertThat(damagedFile).doesNotExist();
        assertThat(garbage).doesNotExist();
        assertThat(invalid).doesNotExist();
        assertThat(count(jobs("corrupt"))).isEqualTo(3);
    }

    @Test
    void a_record_in_a_file_named_for_another_job_is_moved_aside() throws IOException {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);
        Files.move(jobs("active").resolve(job.id() + ".json"), jobs("active").resolve("someone-else.json"));

        assertThat(reopen().unfinished()).isEmpty();
        assertThat(count(jobs("corrupt"))).isOne();
    }

    @Test
    void a_corrupt_finished_record_reads_as_unknown_and_is_moved_aside() throws IOException {
        Job done = sampleJob(1, new JobState.Done(T0));
        store.save(done);
        Files.writeString(jobs("finished").resolve(done.id() + ".json"), "{\"format\":1,");

        assertThat(store.find(done.id())).isEmpty();
        assertThat(count(jobs("corrupt"))).isOne();
        assertThat(count(jobs("finished"))).isZero();
    }

    @Test
    void a_finish_interrupted_by_a_crash_is_completed_at_open() throws IOException {
        // The crash came after the done version reached active/, before its marker and the move to finished/.
        Job queued = sampleJob(7, new JobState.Queued());
        store.save(queued);
        Job done = queued.withState(new JobState.Done(T0), T0);
        Files.write(jobs("active").resolve(done.id() + ".json"), RecordCodec.encode(JobRecord.from(done)));

        JobStore reopened = reopen();

        assertThat(reopened.unfinished()).isEmpty();
        assertThat(reopened.find(done.id())).contains(done);
        assertThat(reopened.countDelivered(done.requester().id())).isOne();
        assertThat(jobs("finished").resolve(done.id() + ".json")).exists();
        assertThat(count(jobs("active"))).isZero();
    }

    /**
     * Writes the job as a release that wrote {@code format} did: without the direction (format 4 added it),
     * and changed further by {@code olderShape}; then reads it back through a reopened store.
     */
    private Job readBackAsFormat(Job job, int format, Consumer<ObjectNode> olderShape) throws IOException {
        var tree = (ObjectNode) new ObjectMapper().readTree(RecordCodec.encode(JobRecord.from(job)));
        tree.put("format", format);
        tree.remove("direction");
        olderShape.accept(tree);
        Files.write(jobs("active").resolve(job.id() + ".json"), tree.toString().getBytes(StandardCharsets.UTF_8));
        return reopen().find(job.id()).orElseThrow();
    }

    @Test
    void a_record_of_format_1_from_the_previous_release_reads_with_photos_without_a_digest() throws IOException {
        Job job = sampleJob(3, new JobState.Queued());

        // format 1 is format 2 without the photos' digests
        Job read = readBackAsFormat(job, 1,
                tree -> tree.withArray("photos").forEach(photo -> ((ObjectNode) photo).remove("sha256")));

        assertThat(read.photos().getFirst().photo().digest()).isEmpty();
        assertThat(read.withPhotos(job.photos(), job.state(), job.updatedAt()).withDirection(job.direction(), job.updatedAt()))
                .isEqualTo(job);
    }

    @Test
    void a_delivering_job_of_format_2_reads_as_one_with_no_failed_attempts_since_its_last_save() throws IOException {
        Job job = sampleJob(4, JobState.Delivering.stored(new MediaKey("video-4"), 99, T0));

        Job read = readBackAsFormat(job, 2, tree -> ((ObjectNode) tree.get("state")).remove(List.of("failedAttempts", "since")));

        assertThat(read.state()).isEqualTo(JobState.Delivering.stored(new MediaKey("video-4"), 99, job.updatedAt()));
    }

    @Test
    void a_job_of_format_3_reads_as_made_in_the_gentle_style_with_no_wish() throws IOException {
        Job job = sampleJob(5, new JobState.Queued());

        Job read = readBackAsFormat(job, 3, tree -> { });

        assertThat(read.direction()).isEqualTo(new Direction(VideoStyle.GENTLE, Optional.empty()));
        assertThat(read.withDirection(job.direction(), job.updatedAt())).isEqualTo(job);
    }

    @Test
    void a_job_saved_unfinished_again_replaces_its_finished_version_and_is_no_longer_counted() {
        Job done = sampleJob(7, new JobState.Done(T0));
        store.save(done);
        assertThat(store.countDelivered(done.requester().id())).isOne();

        Job again = done.withState(new JobState.Queued(), T0.plusSeconds(1));
        store.save(again);

        JobStore reopened = reopen();
        assertThat(reopened.find(done.id())).contains(again);
        assertThat(reopened.unfinished()).containsExactly(again);
        assertThat(reopened.countDelivered(done.requester().id())).isZero();
    }

    @Test
    void a_done_job_that_later_failed_is_not_counted() {
        Job done = sampleJob(7, new JobState.Done(T0));
        store.save(done);
        store.save(done.withState(new JobState.Cancelled(), T0));

        assertThat(reopen().countDelivered(done.requester().id())).isZero();
    }

    @Test
    void finished_jobs_and_their_delivered_count_are_pruned_after_the_retention_period() throws IOException {
        Job done = sampleJob(7, new JobState.Done(T0));
        Job failed = sampleJob(14, new JobState.Expired());
        Job queued = sampleJob(21, new JobState.Queued());
        List.of(done, failed, queued).forEach(store::save);

        clock.advance(config.finishedJobRetention().minus(Duration.ofMinutes(1)));
        assertThat(open.pruneFinished()).isZero();

        clock.advance(Duration.ofMinutes(2));
        JobStore reopened = reopen();

        assertThat(reopened.find(done.id())).isEmpty();
        assertThat(reopened.find(failed.id())).isEmpty();
        assertThat(reopened.countDelivered(done.requester().id())).isZero();
        assertThat(reopened.unfinished()).containsExactly(queued);
        assertThat(count(jobs("delivered"))).as("empty requester directories are removed").isZero();
    }

    @Test
    @Timeout(300)
    void thousands_of_jobs_reopen_without_reading_the_finished_ones() throws Exception {
        int total = 3000;
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            JobState state = switch (i % 4) {
                case 0 -> new JobState.Queued();
                case 1 -> new JobState.Done(T0);
                case 2 -> new JobState.Generating(new GenerationTicket("t-" + i), 1, T0);
                default -> new JobState.Failed(new Failure(FailureCode.GENERATION_FAILED, "x"));
            };
            // Unfinished jobs each have a requester of their own (one active job each); finished ones share seven.
            jobs.add(state.finished() ? sampleJob(i, state) : sampleJob(i, state, "test:active-" + i));
        }
        Collections.shuffle(jobs, new Random(1));
        long savingStarted = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Job job : jobs) {
                executor.submit(() -> store.save(job));
            }
        }
        System.out.println("MEASURE saved " + total + " jobs in " + Duration.ofNanos(System.nanoTime() - savingStarted));
        List<Job> expectedUnfinished = jobs.stream().filter(j -> !j.state().finished())
                .sorted(Comparator.comparingLong(Job::sequence)).toList();
        RequesterId someone = new RequesterId("test:3");
        long expectedDelivered = jobs.stream()
                .filter(j -> j.requester().id().equals(someone) && j.state() instanceof JobState.Done).count();

        // Were finished records read at start or by countDelivered, this garbage would be moved aside.
        try (Stream<Path> finished = Files.list(jobs("finished"))) {
            for (Path file : finished.toList()) {
                Files.writeString(file, "not read at start");
            }
        }
        long started = System.nanoTime();
        JobStore reopened = reopen();
        List<Job> unfinished = reopened.unfinished();
        long delivered = reopened.countDelivered(someone);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("MEASURE reopened with " + unfinished.size() + " unfinished jobs and counted in " + took);
        assertThat(unfinished).isEqualTo(expectedUnfinished);
        assertThat(delivered).isEqualTo(expectedDelivered).isPositive();
        assertThat(count(jobs("corrupt"))).isZero();
        assertThat(count(jobs("finished"))).isEqualTo(total - expectedUnfinished.size());
    }

    @Test
    void concurrent_writers_take_different_jobs_through_their_whole_life() {
        List<Job> jobs = IntStream.range(0, 120)
                .mapToObj(i -> sampleJob(i, new JobState.Queued(), "test:" + i % 7 + "-" + i / 7)).toList();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Job job : jobs) {
                executor.submit(() -> {
                    store.save(job);
                    store.save(job.withState(new JobState.Submitting(1), T0));
                    store.save(job.withState(new JobState.Generating(new GenerationTicket("t"), 1, T0), T0));
                    store.save(job.withState(job.sequence() % 2 == 0 ? new JobState.Done(T0) : new JobState.Cancelled(), T0));
                });
            }
        }
        JobStore reopened = reopen();
        assertThat(reopened.unfinished()).isEmpty();
        for (Job job : jobs) {
            RequesterId requester = job.requester().id();
            assertThat(reopened.countDelivered(requester)).as(requester.value()).isEqualTo(job.sequence() % 2 == 0 ? 1 : 0);
        }
        for (Job job : jobs) {
            assertThat(reopened.find(job.id())).get().extracting(Job::state)
                    .isEqualTo(job.sequence() % 2 == 0 ? new JobState.Done(T0) : new JobState.Cancelled());
        }
    }

    @Test
    void a_jobs_directory_below_a_regular_file_is_reported_with_the_path() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        var unusable = LocalStorageConfig.at(file.resolve("storage"));

        assertThatThrownBy(() -> FileSystemJobStore.open(unusable, clock))
                .isInstanceOf(JobStoreException.class)
                .hasMessageContaining(file.resolve("storage").toString());
    }

    @Test
    void a_save_that_cannot_be_written_is_reported_with_the_path_and_changes_nothing() throws IOException {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);
        Files.delete(jobs("tmp"));
        Files.writeString(jobs("tmp"), "in the way");

        assertThatThrownBy(() -> store.save(job.withState(new JobState.Submitting(1), T0)))
                .isInstanceOf(JobStoreException.class)
                .hasMessageContaining(jobs("active").resolve(job.id() + ".json").toString());
        assertThat(store.find(job.id())).contains(job);
    }

    @Test
    @Timeout(240)
    void a_writer_killed_at_random_moments_leaves_every_acknowledged_save_whole() throws Exception {
        open.close();
        var random = new Random(42);
        for (int round = 1; round <= 6; round++) {
            int lastAcknowledged = -1;
            int killAfter = 1 + random.nextInt(150);
            try (var writer = ChildJvm.start(List.of("-Xmx64m"), JobStoreChildren.CrashWriter.class,
                    config.storagePath().toString(), String.valueOf(round))) {
                assertThat(writer.readLine()).isEqualTo("open");
                for (String line; lastAcknowledged < killAfter && (line = writer.readLine()) != null; ) {
                    assertThat(line).startsWith("saved ");
                    lastAcknowledged = Integer.parseInt(line.substring("saved ".length()));
                }
                // The writer went on saving after printing that line: the kill lands somewhere inside a save.
                writer.kill();
                // What it printed before it died is still in the pipe: every complete step it acknowledged.
                for (String line; (line = writer.readLine()) != null; ) {
                    lastAcknowledged = Integer.parseInt(line.substring("saved ".length()));
                }
            }

            open = FileSystemJobStore.open(config, clock);
            checkRound(open, round, lastAcknowledged);
            assertThat(count(jobs("corrupt"))).as("records set aside").isZero();
            assertThat(count(jobs("tmp"))).isZero();
            open.close();
        }
        open = FileSystemJobStore.open(config, clock);
    }

    private static void checkRound(FileSystemJobStore store, int round, int lastAcknowledged) {
        int delivered = 0;
        for (int i = 0; i <= lastAcknowledged; i++) {
            Job queued = JobStoreChildren.job(round, i, new JobState.Queued());
            Job expected = JobStoreChildren.delivers(i)
                    ? queued.withState(new JobState.Done(JobStoreChildren.T0), JobStoreChildren.T0.plusSeconds(i))
                    : queued;
            assertThat(store.find(queued.id())).as("job %d of round %d", i, round).contains(expected);
            delivered += JobStoreChildren.delivers(i) ? 1 : 0;
        }
        Job hot = store.find(JobStoreChildren.hotJob(round, 1).id()).orElseThrow();
        assertThat(((JobState.Submitting) hot.state()).attempt()).isBetween(lastAcknowledged + 1, lastAcknowledged + 2);

        // The step after the last acknowledged one may have been under way: its job is absent, queued or done.
        int inFlight = lastAcknowledged + 1;
        var maybe = store.find(JobStoreChildren.job(round, inFlight, new JobState.Queued()).id());
        long count = 0;
        for (int i = 0; i <= inFlight; i++) {
            count += store.countDelivered(JobStoreChildren.job(round, i, new JobState.Queued()).requester().id());
        }
        boolean inFlightDone = maybe.isPresent() && maybe.get().state() instanceof JobState.Done;
        assertThat(count).isEqualTo(delivered + (inFlightDone ? 1 : 0));

        List<Job> unfinished = store.unfinished();
        assertThat(unfinished).extracting(Job::sequence).isSorted();
        assertThat(unfinished).allSatisfy(j -> assertThat(j.state().finished()).isFalse());
    }

    @Test
    void saves_from_a_job_thread_being_stopped_are_durable_and_leave_it_interrupted() throws Exception {
        Job submitting = sampleJob(1, new JobState.Submitting(1));
        Job delivering = sampleJob(2, JobState.Delivering.stored(new MediaKey("video-2"), 99, T0));
        Job doneEarlier = sampleJob(3, new JobState.Done(T0));
        store.save(delivering);
        store.save(doneEarlier);
        Job ticketSaved = submitting.withState(new JobState.Generating(new GenerationTicket("t-1"), 1, T0), T0.plusSeconds(1));
        Job delivered = delivering.withState(new JobState.Done(T0.plusSeconds(2)), T0.plusSeconds(2));
        Job cancelled = doneEarlier.withState(new JobState.Cancelled(), T0.plusSeconds(3));

        var outcome = InterruptedCaller.callInterrupted(() -> {
            store.save(ticketSaved);
            store.update(delivering.id(), current -> delivered);
            return store.update(doneEarlier.id(), current -> cancelled); // reads the finished record first
        });

        assertThat(outcome.stillInterrupted()).isTrue();
        assertThat(outcome.value()).contains(cancelled);
        JobStore reopened = reopen();
        assertThat(reopened.unfinished()).containsExactly(ticketSaved);
        assertThat(reopened.find(delivered.id())).contains(delivered);
        assertThat(reopened.find(cancelled.id())).contains(cancelled);
        assertThat(reopened.countDelivered(delivered.requester().id())).isOne();
    }

    @Test
    void the_unfinished_list_reflects_saves_without_a_reopen() {
        Job a = sampleJob(2, new JobState.Queued());
        Job b = sampleJob(1, new JobState.Draft(T0));
        store.save(a);
        store.save(b);
        assertThat(store.unfinished()).containsExactly(b, a);

        store.save(b.withState(new JobState.Expired(), T0));
        assertThat(store.unfinished()).containsExactly(a);
        assertThat(store.find(new JobId("no-such-job"))).isEmpty();
    }
}
