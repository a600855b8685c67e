package dev.kisscam.app.bench;

import java.time.Duration;
import java.util.Locale;

/**
 * CPU time (user and system) of the bot and of this JVM, which runs the fake Telegram and the simulated xAI.
 * Both share the machine's cores, so the split says how much of a slow run is the program's own work.
 */
record CpuUse(Duration bot, Duration fakes) {

    static CpuUse now(ChildBot bot) {
        return new CpuUse(bot.cpuTime(), ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
    }

    CpuUse since(CpuUse start) {
        return new CpuUse(bot.minus(start.bot), fakes.minus(start.fakes));
    }

    /** {@code bot 12.3 s, fakes and benchmark 4.5 s}, and per job when {@code jobs} is positive. */
    String summary(int jobs) {
        String total = String.format(Locale.ROOT, "bot %.1f s, fakes and benchmark %.1f s", seconds(bot), seconds(fakes));
        return jobs <= 0 ? total : total + String.format(Locale.ROOT, " (per job: bot %.0f ms, fakes %.0f ms)",
                seconds(bot) * 1000 / jobs, seconds(fakes) * 1000 / jobs);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
