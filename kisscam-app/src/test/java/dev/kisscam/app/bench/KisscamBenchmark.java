package dev.kisscam.app.bench;

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
 * numbers, to stdout and to {@code target/benchmark.txt}, and asserts no timings: they vary too much on a
 * shared machine to be pass or fail. Run by {@code -Pbench} (see kisscam-app's pom.xml); the ordinary build
 * never runs it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KisscamBenchmark {
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
                + " ms; GROK_REQUESTS_PER_SECOND=100000; REPEAT_CACHE_WINDOW=0; LOG_LEVEL=WARN");
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
}
