package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.SharedServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * The same burst on one instance or on several sharing PostgreSQL, Redis and S3 (polling mode: the first polls,
 * all run jobs): wall time and the bots' CPU per job; and, when one instance is killed (SIGKILL) while it holds
 * generations, how long until the survivors hold every job it had. Users have consented before, so each photo
 * is a job at once.
 */
final class SeveralInstancesMeasurement {
    private static final Duration WAIT = Duration.ofMinutes(5);

    /** @param takeover kill to the moment no unfinished job is leased by the killed instance, when one was killed */
    record Result(int instances, int jobs, Duration wall, Duration botCpu, Optional<Takeover> takeover) {
        void reportTo(BenchReport report) {
            report.line(String.format(Locale.ROOT, "%d instance(s), %d jobs: wall time, first photo -> last video: %d ms",
                    instances, jobs, wall.toMillis()));
            if (takeover.isEmpty()) {
                report.line(String.format(Locale.ROOT, "CPU of the bots during the burst: %.1f s in all, %.0f ms per job",
                        botCpu.toNanos() / 1e9, botCpu.toNanos() / 1e6 / jobs));
            }
            takeover.ifPresent(t -> report.line(String.format(Locale.ROOT, "one instance killed holding %d jobs (%d"
                            + " submissions made before): the survivor held all of them %d ms after the kill (job lease"
                            + " 30 s); xAI saw %d submissions for %d videos",
                    t.orphans(), t.submittedBefore(), t.time().toMillis(), t.submissions(), jobs)));
        }
    }

    record Takeover(long orphans, int submittedBefore, Duration time, int submissions) {
    }

    private final BenchRig rig;
    private final SharedServices shared;
    private final JobPhotos photos;

    SeveralInstancesMeasurement(BenchRig rig, SharedServices shared, JobPhotos photos) {
        this.rig = rig;
        this.shared = shared;
        this.photos = photos;
    }

    Result run(long firstUserId, int users, int instances, boolean killOne) throws Exception {
        BenchRig.requireServersFor(users);
        shared.env().forEach(rig::with);
        // The shared rate limiter counts in permits per millisecond: 1000 a second is the most it takes, and far
        // more than 200 jobs ask for here.
        rig.with("GROK_REQUESTS_PER_SECOND", "1000").with("GROK_SUBMITS_PER_SECOND", "1000");
        List<ChildBot> bots = rig.startBots(instances);
        List<FakeBotApi.User> crowd = LongStream.range(firstUserId, firstUserId + users)
                .mapToObj(id -> new FakeBotApi.User(id, "en")).toList();
        shared.consented(crowd.stream().map(FakeBotApi.User::id).toList());
        Duration cpuBefore = cpu(bots);
        Instant first = Instant.now();
        crowd.forEach(user -> photos.send(rig.telegram, user));
        Optional<Takeover> takeover = Optional.empty();
        if (killOne) {
            // The first instance polls; the last one only runs jobs. It dies once every job is saved and with
            // the provider, none between submitting and its ticket or being delivered (steps not repeated by design).
            ChildBot doomed = bots.getLast();
            String held = "lease_owner LIKE '%:" + doomed.port() + "' AND finished = 0";
            await(() -> shared.count("SELECT count(*) FROM jobs") == users && rig.xai.submissions() >= users
                    && shared.count("SELECT count(*) FROM jobs WHERE finished = 0 AND work IN"
                            + " ('INTERRUPTED_SUBMISSION', 'DELIVERY')") == 0
                    && shared.count("SELECT count(*) FROM jobs WHERE " + held) > 0);
            long orphans = shared.count("SELECT count(*) FROM jobs WHERE " + held);
            int submittedBefore = rig.xai.submissions();
            doomed.kill();
            long killed = System.nanoTime();
            await(() -> shared.count("SELECT count(*) FROM jobs WHERE " + held) == 0);
            takeover = Optional.of(new Takeover(orphans, submittedBefore, Duration.ofNanos(System.nanoTime() - killed), 0));
        }
        rig.telegram.awaitCalls("sendVideo", users, WAIT);
        Duration wall = Duration.between(first, Instant.now());
        Duration cpu = cpu(bots).minus(cpuBefore);
        if (rig.xai.submissions() != users) {
            throw new AssertionError(rig.xai.submissions() + " submissions for " + users + " videos");
        }
        return new Result(instances, users, wall, cpu, takeover.map(t -> new Takeover(t.orphans(), t.submittedBefore(),
                t.time(), rig.xai.submissions())));
    }

    private static Duration cpu(List<ChildBot> bots) {
        return bots.stream().map(ChildBot::cpuTime).reduce(Duration.ZERO, Duration::plus);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(100);
        }
    }
}
