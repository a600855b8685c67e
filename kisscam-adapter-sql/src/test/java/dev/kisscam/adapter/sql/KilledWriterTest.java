package dev.kisscam.adapter.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.testing.JobStoreContract;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of a process writing to SQLite, at random moments: every save it acknowledged is there, whole. */
class KilledWriterTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    @TempDir
    Path dir;

    static Job job(int round, int i, JobState state) {
        Job sample = JobStoreContract.sampleJob(round * 1_000_000L + i, state);
        var requester = new Requester(new RequesterId("crash:" + round + "-" + i), "chat", Locale.ENGLISH);
        return new Job(new JobId("round-" + round + "-job-" + i), sample.sequence(), requester, sample.photos(), state,
                T0, T0.plusSeconds(i), sample.spends(), sample.direction());
    }

    /** Saves job i queued, then (every third) done, then the one hot job with attempt i + 1; prints "saved i". */
    public static void main(String[] args) {
        int round = Integer.parseInt(args[1]);
        JobStore store = SqlStores.open(SqlConfig.sqlite(Path.of(args[0])), Clock.systemUTC()).jobs();
        for (int i = 0; ; i++) {
            Job job = job(round, i, new JobState.Queued());
            store.save(job);
            if (i % 3 == 0) {
                store.save(job.withState(new JobState.Done(T0), T0.plusSeconds(i)));
            }
            store.save(hot(round, i + 1));
            System.out.println("saved " + i);
        }
    }

    static Job hot(int round, int attempt) {
        Job sample = job(round, 999_999, new JobState.Submitting(attempt));
        return new Job(new JobId("round-" + round + "-hot"), sample.sequence(), sample.requester(), sample.photos(),
                sample.state(), T0, T0.plusSeconds(attempt), sample.spends(), sample.direction());
    }

    /** The step a "saved i" line acknowledges; other lines (the libraries' own) change nothing. */
    private static int acknowledged(String line, int before) {
        return line.startsWith("saved ") ? Integer.parseInt(line.substring("saved ".length())) : before;
    }

    @Test
    @Timeout(240)
    void a_writer_killed_at_random_moments_leaves_every_acknowledged_save_whole() throws Exception {
        Path database = dir.resolve("kisscam.db");
        var random = new Random(42);
        for (int round = 1; round <= 4; round++) {
            int killAfter = 1 + random.nextInt(100);
            String java = ProcessHandle.current().info().command().orElseThrow();
            Process writer = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), KilledWriterTest.class.getName(), database.toString(),
                    String.valueOf(round))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            int acknowledged = -1;
            try (var output = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; acknowledged < killAfter && (line = output.readLine()) != null; ) {
                    acknowledged = acknowledged(line, acknowledged);
                }
                // It went on saving after that line: the kill lands inside a save. What it printed before is still read.
                writer.toHandle().destroyForcibly();
                writer.waitFor();
                for (String line; (line = output.readLine()) != null; ) {
                    acknowledged = acknowledged(line, acknowledged);
                }
            }

            try (SqlStores reopened = SqlStores.open(SqlConfig.sqlite(database), Clock.systemUTC())) {
                JobStore store = reopened.jobs();
                for (int i = 0; i <= acknowledged; i++) {
                    Job queued = job(round, i, new JobState.Queued());
                    Job expected = i % 3 == 0 ? queued.withState(new JobState.Done(T0), T0.plusSeconds(i)) : queued;
                    assertThat(store.find(queued.id())).as("job %d of round %d", i, round).contains(expected);
                }
                int attempt = ((JobState.Submitting) store.find(hot(round, 1).id()).orElseThrow().state()).attempt();
                assertThat(attempt).isBetween(acknowledged + 1, acknowledged + 2);
                assertThat(store.unfinished()).extracting(Job::sequence).isSorted();
            }
        }
    }
}
