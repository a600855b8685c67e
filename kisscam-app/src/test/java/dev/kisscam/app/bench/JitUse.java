package dev.kisscam.app.bench;

import dev.kisscam.app.testing.PackagedProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the bot's JIT compilers have done so far, as {@code jstat -compiler} reads it from the bot's performance
 * counters (a shared-memory file the JVM keeps anyway): nothing runs inside the bot to answer. Empty where the
 * counters cannot be read (no jstat beside the java that runs the benchmark, or {@code -XX:-UsePerfData}).
 *
 * @param compiled methods compiled, by either compiler
 * @param time time the compiler threads spent compiling, added up over the threads
 */
record JitUse(long compiled, Duration time) {

    static Optional<JitUse> of(ChildBot bot) {
        Path jstat = Path.of(PackagedProgram.java()).resolveSibling("jstat");
        try {
            Process process = new ProcessBuilder(jstat.toString(), "-compiler", String.valueOf(bot.pid()))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            // Compiled Failed Invalid   Time   FailedType FailedMethod
            List<String> lines = output.lines().toList();
            String[] values = lines.getLast().strip().split("\\s+");
            return Optional.of(new JitUse(Long.parseLong(values[0]),
                    Duration.ofNanos(Math.round(Double.parseDouble(values[3]) * 1e9))));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    JitUse since(JitUse start) {
        return new JitUse(compiled - start.compiled, time.minus(start.time));
    }

    /**
     * {@code JIT in the bot: 412 methods compiled in 1.8 s (18 ms per job)}, or why there is no number: the
     * compilers' share of the bot's CPU per job, which a server that has run for long no longer pays.
     */
    static String summary(Optional<JitUse> before, Optional<JitUse> after, int jobs) {
        if (before.isEmpty() || after.isEmpty()) {
            return "JIT in the bot: not readable (jstat -compiler)";
        }
        JitUse used = after.get().since(before.get());
        return String.format(Locale.ROOT, "JIT in the bot: %d methods compiled in %.2f s (%.0f ms per job)",
                used.compiled, used.time.toNanos() / 1e9, used.time.toNanos() / 1e6 / Math.max(1, jobs));
    }
}
