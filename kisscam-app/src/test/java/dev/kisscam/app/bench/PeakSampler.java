package dev.kisscam.app.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches a bot while it works and keeps the highest values seen: threads from {@code /proc} every 100 ms,
 * the heap from the collector's own log (in use just before each collection, and what each left behind,
 * closer to what the bot really keeps). The kernel keeps the true peak RSS itself ({@code VmHWM}); threads are
 * only as good as the sampling.
 */
final class PeakSampler implements AutoCloseable {
    /** What was seen between start and close. */
    record Peaks(long peakRssBytes, int peakThreads, GcLog.Peaks heap) {
    }

    private final ChildBot bot;
    private final long gcLogStart;
    private final ScheduledExecutorService sampling = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bench-sampler").factory());
    private final AtomicInteger threads = new AtomicInteger();

    private PeakSampler(ChildBot bot) {
        this.bot = bot;
        this.gcLogStart = bot.gcLog().end();
    }

    /** Starts sampling, with the kernel's peak RSS started over so that it counts from now. */
    static PeakSampler start(ChildBot bot) {
        ProcStatus.resetPeak(bot.pid());
        var sampler = new PeakSampler(bot);
        sampler.sampling.scheduleAtFixedRate(sampler::sampleProc, 0, 100, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Stops sampling and says what the highest values were. */
    Peaks stop() throws InterruptedException {
        sampling.shutdown();
        sampling.awaitTermination(35, TimeUnit.SECONDS);
        ProcStatus last = ProcStatus.of(bot.pid());
        threads.accumulateAndGet(last.threads(), Math::max);
        return new Peaks(last.peakRssBytes(), threads.get(), bot.gcLog().peaksSince(gcLogStart));
    }

    private void sampleProc() {
        threads.accumulateAndGet(ProcStatus.of(bot.pid()).threads(), Math::max);
    }

    @Override
    public void close() throws InterruptedException {
        sampling.shutdownNow();
        sampling.awaitTermination(5, TimeUnit.SECONDS);
    }
}
