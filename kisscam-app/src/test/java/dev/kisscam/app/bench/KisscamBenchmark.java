package dev.kisscam.app.bench;

import static dev.kisscam.app.bench.BenchReport.mib;

import dev.kisscam.app.testing.ScenePhotos;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bot as a child process between a fake Telegram and a simulated xAI on loopback. It prints
 * numbers, to stdout and to {@code target/benchmark.txt}, and asserts only that every job got its video:
 * timings on a shared machine vary too much to be pass or fail. Run by {@code -Pbench} (see kisscam-app's
 * pom.xml); the ordinary build never runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KisscamBenchmark {
    /** Jobs measured per case; the p99 of 100 is the second slowest. */
    static final int SAMPLES = Integer.getInteger("kisscam.bench.samples", 100);
    /** Users taking turns: five other jobs take longer than the 3 s a user's final status edit may lag. */
    static final int USERS_IN_TURN = 6;
    /**
     * The shortest generation in (a). The overhead hardly depends on it (a few more polls); a longer one would
     * only make the whole run longer.
     */
    static final Duration GENERATION = Duration.ofMillis(500);
    static final int BURST_USERS = Integer.getInteger("kisscam.bench.burst", 1000);
    static final Duration BURST_GENERATION = Duration.ofSeconds(20);
    static final int IDLE_STARTS = 3;

    private static BenchReport report;

    @TempDir
    Path directory;

    @BeforeAll
    static void describeTheMachine() throws Exception {
        report = BenchReport.createIn(Path.of(System.getProperty("kisscam.bench.report", "target/benchmark.txt")));
        report.section("machine");
        Machine.describe(report);
        report.line("bot JVM options: " + (ChildBot.JVM_ARGS.isEmpty() ? "none (default heap)" : ChildBot.JVM_ARGS)
                + "; GROK_POLL_INTERVAL=" + BenchRig.POLL_INTERVAL.toMillis()
                + " ms; GROK_REQUESTS_PER_SECOND=100000; GROK_SUBMITS_PER_SECOND=100000; REPEAT_CACHE_WINDOW=0;"
                + " LOG_LEVEL=WARN");
    }

    @Test
    @Order(1)
    void idle_bot() throws Exception {
        report.section("(c) idle bot, " + IDLE_STARTS + " fresh starts");
        var starts = new ArrayList<Duration>();
        for (int i = 1; i <= IDLE_STARTS; i++) {
            IdleMeasurement.Result idle = IdleMeasurement.measure(directory.resolve("idle-" + i));
            starts.add(idle.toFirstGetUpdates());
            idle.reportTo(report, "start " + i);
        }
        report.line("process start -> first getUpdates: " + Distribution.of(starts).summary());
    }

    @Test
    @Order(2)
    void overhead_of_one_photo_of_two_people() throws Exception {
        byte[] photo = ScenePhotos.noisyJpeg(2, 4000, 3000, 1);
        measureOverhead(new JobPhotos.OnePhoto(photo, "one 4000x3000 JPEG of two people (" + mib(photo.length) + ")"));
    }

    @Test
    @Order(3)
    void overhead_of_two_photos_of_one_person_each() throws Exception {
        byte[] first = ScenePhotos.noisyJpeg(1, 4000, 3000, 2);
        byte[] second = ScenePhotos.noisyJpeg(1, 4000, 3000, 3);
        measureOverhead(new JobPhotos.Album(first, second, "an album of two 4000x3000 JPEGs of one person each ("
                + mib(first.length) + " + " + mib(second.length) + ")"));
    }

    @Test
    @Order(4)
    void a_thousand_jobs_at_once() throws Exception {
        // The size Telegram gives a photo sent as a photo; 12-megapixel decoding would make this a CPU benchmark.
        byte[] photo = ScenePhotos.noisyJpeg(2, 1280, 960, 4);
        var photos = new JobPhotos.OnePhoto(photo, "one 1280x960 JPEG of two people (" + mib(photo.length) + ")");
        var firstPhotos = new JobPhotos.OnePhoto(ScenePhotos.jpeg(2, 640, 480), "a small flat JPEG");
        report.section("(b) " + BURST_USERS + " users send " + photos.description() + " at once; provider "
                + BURST_GENERATION.toSeconds() + " s; MAX_CONCURRENT_GENERATIONS=1000");
        try (var rig = new BenchRig(directory, BURST_GENERATION)) {
            new BurstMeasurement(rig, photos, firstPhotos).run(100_000, BURST_USERS, BURST_GENERATION).reportTo(report);
        }
    }

    private void measureOverhead(JobPhotos photos) throws Exception {
        report.section("(a) overhead per job: " + photos.description() + "; provider " + GENERATION.toMillis()
                + " ms + a random part of one poll interval; one job at a time, " + USERS_IN_TURN
                + " consented users taking turns");
        try (var rig = new BenchRig(directory, GENERATION)) {
            new OverheadMeasurement(rig, photos, GENERATION).run(1_000, USERS_IN_TURN, SAMPLES).reportTo(report);
        }
    }
}
