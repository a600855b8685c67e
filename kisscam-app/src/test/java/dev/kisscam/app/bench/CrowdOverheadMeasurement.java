package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

/**
 * What the program adds to the provider's time when several users send their photos in the same instant: each
 * round, {@code crowd} users who have not sent anything since their first video send one each, and every job's
 * overhead is its own photo offered until its own video reached the fake Telegram (the time the fake recorded the
 * call), minus the generation time. Each round has users of its own, so nobody's previous job is still ending.
 */
final class CrowdOverheadMeasurement {
    static final Duration WAIT = Duration.ofMinutes(2);

    record Result(int crowd, int rounds, Distribution overhead, CpuUse cpu, String output) {
        void reportTo(BenchReport report) {
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

    Result run(long firstUserId, int crowd, int rounds, Duration generation) throws Exception {
        ChildBot bot = rig.startBot();
        List<FakeBotApi.User> everyone = LongStream.range(firstUserId, firstUserId + (long) crowd * rounds)
                .mapToObj(id -> new FakeBotApi.User(id, "en")).toList();
        rig.xai.generationTime(Duration.ZERO);
        Onboarding.onboard(bot, rig.telegram, everyone, firstPhotos, WAIT);
        rig.xai.generationTime(generation);
        var overheads = new ArrayList<Duration>();
        CpuUse cpuBefore = CpuUse.now(bot);
        for (int round = 0; round < rounds; round++) {
            List<FakeBotApi.User> users = everyone.subList(round * crowd, (round + 1) * crowd);
            Set<Long> chats = new HashSet<>(users.stream().map(FakeBotApi.User::id).toList());
            CallWatch videos = CallWatch.from(rig.telegram);
            Instant offered = Instant.now();
            users.forEach(user -> photos.send(rig.telegram, user));
            videos.await(call -> call.method().equals("sendVideo") && chats.remove(call.chatId()), crowd,
                    call -> overheads.add(Duration.between(offered, call.at()).minus(generation)),
                    bot::requireNoFailedJobs, WAIT);
        }
        CpuUse cpu = CpuUse.now(bot).since(cpuBefore);
        return new Result(crowd, rounds, Distribution.of(overheads), cpu, bot.output());
    }
}
