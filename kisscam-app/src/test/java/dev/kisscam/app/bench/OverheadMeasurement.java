package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * What the program adds to the provider's time, job by job, one job at a time: from the moment a user's photo
 * update is offered to the fake Telegram until the fake receives the video, minus the job's generation time.
 * The simulated xAI answers "done" exactly that long after it accepted the submission, so the rest is the
 * program's: the long poll, downloads, checks, the vision questions (answered at once by the simulation),
 * submitting, noticing "done" (up to one poll interval later), fetching the video and uploading it.
 *
 * <p>Users take turns, so each user's previous job is long over (its final status edit comes up to 3 s after
 * the video) when their next photo comes: a user has one active job at a time.
 *
 * <p>A server that runs for days serves its jobs with compiled code; a bot just started still interprets and
 * compiles its job path, and that work would count towards the measured jobs' CPU and time. So {@code warmUp}
 * unmeasured jobs of the same photos run first, through the same steps (download, checks, vision questions,
 * submission, polls, video upload). They are the first jobs of as many users, the users taking turns among
 * them: a user's first job is the one job that must come before the measured ones anyway (it asks for consent),
 * and users onboarded together cost one job's wall time, not one each. They come in groups of
 * {@link #WARM_UP_AT_ONCE}, the most the crowd case (d) runs at once, so that even 12 MP documents stay within
 * what a measurement itself asks of the bot's heap.
 */
final class OverheadMeasurement {
    static final Duration WAIT = Duration.ofSeconds(60);
    /** Users onboarded at once during the warm-up. */
    static final int WARM_UP_AT_ONCE = 10;

    /**
     * @param beforeSubmission photo offered to Telegram until xAI accepted the submission
     * @param afterGeneration the generation done at xAI until the video reached Telegram
     */
    record Result(Distribution endToEnd, Distribution provider, Distribution overhead, Distribution beforeSubmission,
            Distribution afterGeneration, CpuUse cpu, int visionQuestions, int warmUp, String jit, String output) {
        void reportTo(BenchReport report) {
            report.line("warm-up: " + warmUp + " unmeasured jobs first (users' first jobs, " + WARM_UP_AT_ONCE
                    + " at once); " + jit + " during the measured jobs");
            report.line("end to end (photo offered -> sendVideo received): " + endToEnd.summary());
            report.line("provider (simulated generation, submit -> done): " + provider.summary());
            report.line("overhead (end to end - provider): " + overhead.summary());
            report.line("  of which photo offered -> submission accepted: " + beforeSubmission.summary());
            report.line("  of which generation done -> sendVideo received: " + afterGeneration.summary());
            report.line("vision questions: " + visionQuestions + "; CPU: " + cpu.summary(endToEnd.sorted().size()));
            report.botLog(output);
        }
    }

    private final BenchRig rig;
    private final JobPhotos photos;
    private final Duration shortestGeneration;
    /** The same jobs on every run. */
    private final Random phases = new Random(20_240_601);

    OverheadMeasurement(BenchRig rig, JobPhotos photos, Duration shortestGeneration) {
        this.rig = rig;
        this.photos = photos;
        this.shortestGeneration = shortestGeneration;
    }

    /** @param warmUp jobs before the measured ones, at least {@code users} (each user's first job) */
    Result run(long firstUserId, int users, int warmUp, int samples) throws Exception {
        ChildBot bot = rig.startBot();
        int onboarded = Math.max(users, warmUp);
        List<FakeBotApi.User> everyone = LongStream.range(firstUserId, firstUserId + onboarded)
                .mapToObj(id -> new FakeBotApi.User(id, "en")).toList();
        Onboarding.onboardInGroups(bot, rig.telegram, everyone, photos, WARM_UP_AT_ONCE, WAIT);
        List<FakeBotApi.User> turns = everyone.subList(0, users);
        VideoReceipts videos = VideoReceipts.from(rig.telegram);
        int visionBefore = rig.xai.peopleQuestions();
        Optional<JitUse> jitBefore = JitUse.of(bot);
        CpuUse cpuBefore = CpuUse.now(bot);
        var endToEnd = new ArrayList<Duration>();
        var provider = new ArrayList<Duration>();
        var overhead = new ArrayList<Duration>();
        var before = new ArrayList<Duration>();
        var after = new ArrayList<Duration>();
        for (int i = 0; i < samples; i++) {
            FakeBotApi.User user = turns.get(i % users);
            Duration generation = nextGenerationTime();
            rig.xai.generationTime(generation);
            int submitted = rig.xai.submissions();
            long offered = System.nanoTime();
            photos.send(rig.telegram, user);
            if (!rig.xai.awaitSubmissions(submitted + 1, WAIT)) {
                throw new AssertionError("job " + i + " was not submitted within " + WAIT + ":\n" + bot.output());
            }
            long accepted = System.nanoTime();
            videos.awaitNext(user, WAIT);
            long delivered = System.nanoTime();
            Duration total = Duration.ofNanos(delivered - offered);
            endToEnd.add(total);
            provider.add(generation);
            overhead.add(total.minus(generation));
            before.add(Duration.ofNanos(accepted - offered));
            after.add(Duration.ofNanos(delivered - accepted).minus(generation));
        }
        CpuUse cpu = CpuUse.now(bot).since(cpuBefore);
        String jit = JitUse.summary(jitBefore, JitUse.of(bot), samples);
        int questions = rig.xai.peopleQuestions() - visionBefore;
        if (questions != samples * photos.photos()) {
            throw new AssertionError(questions + " vision questions for " + samples + " jobs of " + photos.photos()
                    + " photos: a check was skipped or repeated, so the numbers are not comparable");
        }
        return new Result(Distribution.of(endToEnd), Distribution.of(provider), Distribution.of(overhead),
                Distribution.of(before), Distribution.of(after), cpu, questions, onboarded, jit, bot.output());
    }

    /**
     * The shortest generation plus a random part of one poll interval. A generation that always took a whole
     * number of intervals would always end just before a poll, and the wait for the poll that notices it would
     * vanish; a real generation ends anywhere between two polls.
     */
    private Duration nextGenerationTime() {
        long spread = BenchRig.POLL_INTERVAL.toNanos();
        return shortestGeneration.plusNanos((long) (phases.nextDouble() * spread));
    }
}
