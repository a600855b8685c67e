package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A minute in which xAI answers every video submission 429 (the team's rate limit): back-pressure, not failure.
 * The packaged bot, the real Grok adapter and the simulated xAI on loopback.
 */
class RateLimitStormIT extends WithRig {
    private static final int USERS = 8;
    private static final Duration STORM = Duration.ofMinutes(1);

    @Test
    void a_minute_of_429s_on_submissions_ends_with_every_job_delivered_none_failed_and_each_paid_once()
            throws Exception {
        rig(Duration.ofMillis(500));
        BotProcess bot = rig.startBot(rig.env("GROK_POLL_INTERVAL", "0.2"));
        bot.awaitRunning(Rig.WAIT);
        List<FakeBotApi.User> users = IntStream.range(0, USERS).mapToObj(i -> new FakeBotApi.User(70_000 + i, "en"))
                .toList();
        for (FakeBotApi.User user : users.subList(0, 1)) {
            rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 640, 480));
            rig.awaitVideo(user);
        }

        rig.xai.rateLimitSubmissionsFor(STORM, 2);
        Instant stormEnds = Instant.now().plus(STORM);
        for (FakeBotApi.User user : users.subList(1, USERS)) {
            rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 640, 480));
        }
        assertThat(waitUntilRefused(3)).as("the storm met the submissions").isTrue();

        Set<Long> served = new HashSet<>();
        for (FakeBotApi.User user : users.subList(1, USERS)) {
            BotApiCall video;
            try {
                video = rig.telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == user.id(),
                        STORM.plus(Rig.WAIT));
            } catch (AssertionError e) {
                throw new AssertionError("no video for " + user.id() + "; the bot said:\n" + bot.output(), e);
            }
            assertThat(video.at()).as("delivered after the storm, not during it").isAfterOrEqualTo(stormEnds);
            served.add(user.id());
        }

        assertThat(served).hasSize(USERS - 1);
        assertThat(rig.xai.submissions()).as("one accepted, paid submission per video").isEqualTo(USERS);
        // No job failed (the core logs each failure with its code), and the adapter handed each 429 to the core.
        assertThat(bot.output()).doesNotContainPattern("job \\S+: failed").doesNotContain(" ERROR ")
                .contains("the provider is at its rate limit; back in the queue");
    }

    private boolean waitUntilRefused(int refusals) throws InterruptedException {
        long deadline = System.nanoTime() + Rig.WAIT.toNanos();
        while (rig.xai.rateLimitedSubmissions() < refusals) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
