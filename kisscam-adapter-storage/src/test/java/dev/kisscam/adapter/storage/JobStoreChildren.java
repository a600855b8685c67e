package dev.kisscam.adapter.storage;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.testing.JobStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/** Main classes the job store tests run in a child JVM (see {@link ChildJvm}). */
final class JobStoreChildren {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private JobStoreChildren() {
    }

    /** Job {@code i} of a writer round: a new id, sequence and requester per round and job. */
    static Job job(int round, int i, JobState state) {
        Job sample = JobStoreContract.sampleJob(round * 1_000_000L + i, state);
        var requester = new Requester(new RequesterId("crash:" + round + "-" + i), "chat", Locale.ENGLISH);
        return new Job(new JobId("round-" + round + "-job-" + i), sample.sequence(), requester, sample.photos(), state,
                T0, T0.plusSeconds(i), sample.spends(), sample.direction());
    }

    /** The one job every step of a round updates, so a kill often lands in the middle of replacing it. */
    static Job hotJob(int round, int attempt) {
        Job sample = job(round, 999_999, new JobState.Submitting(attempt));
        return new Job(new JobId("round-" + round + "-hot"), sample.sequence(), sample.requester(), sample.photos(),
                sample.state(), T0, T0.plusSeconds(attempt), sample.spends(), sample.direction());
    }

    /** Whether step {@code i} finishes its job as delivered. */
    static boolean delivers(int i) {
        return i % 3 == 0;
    }

    /**
     * Saves, step after step until killed: job i queued, then (every third step) job i done, then the hot job
     * with attempt i + 1; prints "saved i" once all of step i's saves have returned.
     */
    static final class CrashWriter {
        public static void main(String[] args) {
            int round = Integer.parseInt(args[1]);
            var store = FileSystemJobStore.open(LocalStorageConfig.at(Path.of(args[0])));
            System.out.println("open");
            System.out.flush();
            for (int i = 0; ; i++) {
                Job job = job(round, i, new JobState.Queued());
                store.save(job);
                if (delivers(i)) {
                    store.save(job.withState(new JobState.Done(T0), T0.plusSeconds(i)));
                }
                store.save(hotJob(round, i + 1));
                System.out.println("saved " + i);
                System.out.flush();
            }
        }
    }
}
