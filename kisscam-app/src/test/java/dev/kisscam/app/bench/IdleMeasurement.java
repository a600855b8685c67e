package dev.kisscam.app.bench;

import static dev.kisscam.app.bench.BenchReport.mib;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A bot that nobody talks to: how long from the process start until its first long poll reaches Telegram,
 * and what it holds once it has settled.
 */
final class IdleMeasurement {
    /** When an idle bot counts as settled: started, and done with the class loading and compiling of its start. */
    static final Duration SETTLED_AFTER = Duration.ofSeconds(10);

    record Result(Duration toFirstGetUpdates, long rssBytes, long heapUsedBytes, int threads, String output) {
        void reportTo(BenchReport report, String name) {
            report.line(String.format(Locale.ROOT, "%s: process start -> first getUpdates %d ms; %d s after start:"
                            + " RSS %s, heap used %s, %d threads", name, toFirstGetUpdates.toMillis(),
                    SETTLED_AFTER.toSeconds(), mib(rssBytes), mib(heapUsedBytes), threads));
            report.botLog(output);
        }
    }

    private IdleMeasurement() {
    }

    static Result measure(Path directory) throws Exception {
        try (var rig = new BenchRig(directory, Duration.ofSeconds(1))) {
            ChildBot bot = rig.startBot();
            Instant firstPoll = rig.telegram.awaitFirstGetUpdates(BenchRig.START_LIMIT)
                    .orElseThrow(() -> new AssertionError("ready, yet no getUpdates came:\n" + bot.output()));
            // Not a synchronisation: "settled" is defined as this long after the start.
            Duration untilSettled = Duration.between(Instant.now(), bot.startedAt().plus(SETTLED_AFTER));
            if (untilSettled.isPositive()) {
                Thread.sleep(untilSettled);
            }
            ProcStatus status = ProcStatus.of(bot.pid());
            long heap = bot.metrics().heapUsedBytes();
            return new Result(Duration.between(bot.startedAt(), firstPoll), status.rssBytes(), heap,
                    status.threads(), bot.output());
        }
    }
}
