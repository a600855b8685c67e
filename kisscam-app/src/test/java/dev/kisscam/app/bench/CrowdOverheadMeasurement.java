package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * What the program adds to the provider's time when several users send their photos in the same instant: each
 * round, {@code crowd} users who have not sent anything since their first video send one each, and every job's
 * overhead is its own photo offered until its own video reached the fake Telegram (the time the fake recorded the
 * call), minus the generation time. Each round has users of its own, so nobody's previous job is still ending.
 *
 * <p>The users' first jobs are of a small photo (it asks for consent, and the measured kind is not what it
 * warms up), so before the measured rounds come unmeasured rounds of the measured photos, {@code warmUp} jobs
 * in all, by users of their own: the measured jobs then find the job path compiled, as on a server that has
 * run for a while, instead of paying for the JIT's work.
 */
final class CrowdOverheadMeasurement {
    static final Duration WAIT = Duration.ofMinutes(2);

    record Result(int crowd, int rounds, int warmUp, Distribution overhead, CpuUse cpu, String jit, String output) {
        void reportTo(BenchReport report) {
            report.line("warm-up: " + warmUp + " unmeasured jobs first, in rounds of " + crowd + "; " + jit
                    + " during the measured rounds");
            report.line(rounds + " rounds of " + crowd + " users at once; overhead (own photo offered -> own video"
                    + " received - provider): " + overhead.summary());
            report.line("CPU: " + cpu.summary(crowd * rounds));
            report.botLog(output);
        }
    }

    private final BenchRig rig;
    private final JobPhotos photos;
    private final JobPhotos firstPhotos;

    CrowdOverheadMeasurement(BenchRig rig, JobPhotos photos, JobPhotos firstPhotos) {
        this.rig = rig;
        this.photos = photos;
        this.firstPhotos = firstPhotos;
    }

    /** @param warmUp unmeasured jobs before the measured rounds, rounded up to whole rounds */
    Result run(long firstUserId, int crowd, int rounds, int warmUp, Duration generation) throws Exception {
        ChildBot bot = rig.startBot();
        int warmUpRounds = (warmUp + crowd - 1) / crowd;
        List<FakeBotApi.User> everyone = LongStream
                .range(firstUserId, firstUserId + (long) crowd * (warmUpRounds + rounds))
                .mapToObj(id -> new FakeBotApi.User(id, "en")).toList();
        rig.xai.generationTime(Duration.ZERO);
        Onboarding.onboard(bot, rig.telegram, everyone, firstPhotos, WAIT);
        rig.xai.generationTime(generation);
        for (int round = 0; round < warmUpRounds; round++) {
            round(bot, everyone.subList(round * crowd, (round + 1) * crowd), generation, new ArrayList<>());
        }
        var overheads = new ArrayList<Duration>();
        Optional<JitUse> jitBefore = JitUse.of(bot);
        CpuUse cpuBefore = CpuUse.now(bot);
        for (int round = warmUpRounds; round < warmUpRounds + rounds; round++) {
            round(bot, everyone.subList(round * crowd, (round + 1) * crowd), generation, overheads);
        }
        CpuUse cpu = CpuUse.now(bot).since(cpuBefore);
        String jit = JitUse.summary(jitBefore, JitUse.of(bot), rounds * crowd);
        return new Result(crowd, rounds, warmUpRounds * crowd, Distribution.of(overheads), cpu, jit, bot.output());
    }

    /** The users send their photos at once; returns once each has their video, its overhead in {@code overheads}. */
    private void round(ChildBot bot, List<FakeBotApi.User> users, Duration generation, List<Duration> overheads)
            throws Exception {
        Set<Long> chats = new HashSet<>(users.stream().map(FakeBotApi.User::id).toList());
        CallWatch videos = CallWatch.from(rig.telegram);
        Instant offered = Instant.now();
        users.forEach(user -> photos.send(rig.telegram, user));
        videos.await(call -> call.method().equals("sendVideo") && chats.remove(call.chatId()), users.size(),
                call -> overheads.add(Duration.between(offered, call.at()).minus(generation)),
                bot::requireNoFailedJobs, WAIT);
    }
}
