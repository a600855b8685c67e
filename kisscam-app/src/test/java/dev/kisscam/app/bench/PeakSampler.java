package dev.kisscam.app.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples a bot while it works and keeps the highest values seen: threads and resident memory from
 * {@code /proc} every 100 ms, heap in use from {@code /metrics} every 200 ms. The two run on separate threads,
 * so a scrape that a busy bot answers slowly does not thin out the {@code /proc} samples. Heap in use includes
 * garbage not yet collected, which a large default heap lets pile up; the old generation holds what outlived
 * young collections, closer to what the bot really keeps. The kernel keeps the
 * true peak RSS itself ({@code VmHWM}); heap and threads are only as good as the sampling.
 */
final class PeakSampler implements AutoCloseable {
    /** What was seen between start and close. */
    record Peaks(long peakRssBytes, int peakThreads, long peakHeapBytes, long peakHeapCommittedBytes,
            long peakOldGenerationBytes, int heapSamples, int failedScrapes) {
    }

    private final ChildBot bot;
    private final ScheduledExecutorService sampling = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().daemon().name("bench-sampler-", 0).factory());
    private final AtomicInteger threads = new AtomicInteger();
    private final AtomicLong heap = new AtomicLong();
    private final AtomicLong heapCommitted = new AtomicLong();
    private final AtomicLong oldGeneration = new AtomicLong();
    private final AtomicInteger heapSamples = new AtomicInteger();
    private final AtomicInteger failedScrapes = new AtomicInteger();

    private PeakSampler(ChildBot bot) {
        this.bot = bot;
    }

    /** Starts sampling, with the kernel's peak RSS started over so that it counts from now. */
    static PeakSampler start(ChildBot bot) {
        ProcStatus.resetPeak(bot.pid());
        var sampler = new PeakSampler(bot);
        sampler.sampling.scheduleAtFixedRate(sampler::sampleProc, 0, 100, TimeUnit.MILLISECONDS);
        sampler.sampling.scheduleAtFixedRate(sampler::sampleHeap, 0, 200, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Stops sampling and says what the highest values were. */
    Peaks stop() throws InterruptedException {
        sampling.shutdown();
        sampling.awaitTermination(35, TimeUnit.SECONDS);
        ProcStatus last = ProcStatus.of(bot.pid());
        threads.accumulateAndGet(last.threads(), Math::max);
        return new Peaks(last.peakRssBytes(), threads.get(), heap.get(), heapCommitted.get(), oldGeneration.get(),
                heapSamples.get(), failedScrapes.get());
    }

    private void sampleProc() {
        threads.accumulateAndGet(ProcStatus.of(bot.pid()).threads(), Math::max);
    }

    private void sampleHeap() {
        try {
            Metrics metrics = bot.metrics();
            heap.accumulateAndGet(metrics.heapUsedBytes(), Math::max);
            heapCommitted.accumulateAndGet(metrics.heapCommittedBytes(), Math::max);
            oldGeneration.accumulateAndGet(metrics.oldGenerationBytes(), Math::max);
            heapSamples.incrementAndGet();
        } catch (java.io.IOException e) {
            failedScrapes.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        sampling.shutdownNow();
        sampling.awaitTermination(5, TimeUnit.SECONDS);
    }
}
