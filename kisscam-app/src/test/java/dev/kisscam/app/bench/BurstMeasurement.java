package dev.kisscam.app.bench;

import static dev.kisscam.app.bench.BenchReport.mib;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * Many users at once, each sending one photo in the same instant, with a slow provider so that all their
 * generations are in flight together: how long until the last video is out, and what the bot needed for it.
 * The users have had a first video before (consent is given once per user), which also warmed up the bot; those
 * first jobs use a small photo and an instant provider, since they only need to be over.
 */
final class BurstMeasurement {
    private static final Duration WAIT = Duration.ofMinutes(5);

    /**
     * @param toLastSubmission first photo offered until xAI accepted the last submission
     * @param wall first photo offered until the last video reached Telegram
     */
    record Result(int jobs, Duration onboarding, Duration toLastSubmission, Duration wall, PeakSampler.Peaks peaks,
            long threadsPeakSinceStart, CpuUse cpu, String output) {
        void reportTo(BenchReport report) {
            report.line("(not measured: the users' first jobs, with consent and an instant provider, took "
                    + onboarding.toMillis() + " ms)");
            report.line("wall time, first photo -> last video: " + wall.toMillis() + " ms (" + jobs
                    + " videos, one per user)");
            report.line("first photo -> last submission accepted by xAI: " + toLastSubmission.toMillis() + " ms");
            report.line("peak RSS (VmHWM, reset before the burst): " + mib(peaks.peakRssBytes()));
            GcLog.Peaks heap = peaks.heap();
            report.line("peak heap used (before a collection, from the GC log, " + heap.collections()
                    + " collections): " + mib(heap.beforeCollectionBytes()) + "; left after a collection at most "
                    + mib(heap.afterCollectionBytes()) + "; heap committed at most " + mib(heap.committedBytes()));
            report.line("peak threads (/proc Threads every 100 ms): " + peaks.peakThreads()
                    + "; jvm_threads_peak_threads since start: " + threadsPeakSinceStart);
            report.line("CPU during the burst: " + cpu.summary(jobs));
            report.botLog(output);
        }
    }

    private final BenchRig rig;
    private final JobPhotos photos;
    private final JobPhotos firstPhotos;

    BurstMeasurement(BenchRig rig, JobPhotos photos, JobPhotos firstPhotos) {
        this.rig = rig;
        this.photos = photos;
        this.firstPhotos = firstPhotos;
    }

    Result run(long firstUserId, int users, Duration generationTime) throws Exception {
        BenchRig.requireServersFor(users);
        ChildBot bot = rig.startBot();
        List<FakeBotApi.User> crowd = LongStream.range(firstUserId, firstUserId + users)
                .mapToObj(id -> new FakeBotApi.User(id, "en")).toList();
        rig.xai.generationTime(Duration.ZERO);
        long onboardingStarted = System.nanoTime();
        Onboarding.onboard(bot, rig.telegram, crowd, firstPhotos, WAIT);
        Duration onboarding = Duration.ofNanos(System.nanoTime() - onboardingStarted);
        rig.xai.generationTime(generationTime);
        int submittedBefore = rig.xai.submissions();
        CallWatch videos = CallWatch.from(rig.telegram);
        Set<Long> served = new HashSet<>();

        try (PeakSampler sampler = PeakSampler.start(bot)) {
            CpuUse cpuBefore = CpuUse.now(bot);
            Instant first = Instant.now();
            crowd.forEach(user -> photos.send(rig.telegram, user));
            awaitSubmissions(bot, submittedBefore + users);
            Instant lastSubmission = Instant.now();
            Instant lastVideo = videos.await(call -> call.method().equals("sendVideo"), users,
                    call -> served.add(call.chatId()), bot::requireNoFailedJobs, WAIT);
            PeakSampler.Peaks peaks = sampler.stop();
            CpuUse cpu = CpuUse.now(bot).since(cpuBefore);
            if (served.size() != users) {
                throw new AssertionError(users + " videos went to only " + served.size() + " users");
            }
            long threadsPeak = (long) bot.metrics().value("jvm_threads_peak_threads", "").orElse(-1);
            return new Result(users, onboarding, Duration.between(first, lastSubmission),
                    Duration.between(first, lastVideo), peaks, threadsPeak, cpu, bot.output());
        }
    }

    /** Waits for xAI to accept {@code count} submissions in all, giving up as soon as a job failed instead. */
    private void awaitSubmissions(ChildBot bot, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!rig.xai.awaitSubmissions(count, Duration.ofSeconds(1))) {
            bot.requireNoFailedJobs();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(rig.xai.submissions() + " of " + count + " submissions within " + WAIT);
            }
        }
    }
}
