package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The program stopped mid-generation, by SIGKILL or SIGTERM, and started again over the same storage. */
class RestartIT extends WithRig {

    @Test
    void killed_with_sigkill_mid_generation_it_delivers_after_restart_and_the_provider_saw_one_submission()
            throws Exception {
        rig(Duration.ofSeconds(8));
        Map<String, String> env = rig.env();
        BotProcess first = rig.startBot(env);
        first.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(801, "en");

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).as("the ticket is saved and being polled").isTrue();
        first.kill();
        assertThat(first.process().isAlive()).isFalse();

        BotProcess second = rig.startBot(env);
        second.awaitRunning(Rig.WAIT);

        BotApiCall video = rig.awaitVideo(user);
        assertThat(video.chatId()).isEqualTo(user.id());
        assertThat(rig.xai.submissions()).as("the paid generation was polled again, not submitted again").isEqualTo(1);
        assertThat(rig.telegram.calls("sendVideo")).hasSize(1);
        assertThat(second.output()).contains("polling it again, never submitting it again");
    }

    @Test
    void a_restart_after_a_stop_longer_than_the_generation_timeout_still_delivers_the_finished_video()
            throws Exception {
        rig(Duration.ofSeconds(4));
        // The generation takes 4 s at the provider; the bot gives up on a generation after 3 s.
        Map<String, String> env = rig.env("GROK_GENERATION_TIMEOUT", "3");
        BotProcess first = rig.startBot(env);
        first.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(804, "en");
        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).isTrue();
        first.kill();
        // Down for longer than the timeout, and long enough for the provider to finish the video.
        Thread.sleep(Duration.ofSeconds(5));

        BotProcess second = rig.startBot(env);
        second.awaitRunning(Rig.WAIT);

        rig.awaitVideo(user);
        assertThat(rig.xai.submissions()).isEqualTo(1);
        assertThat(second.output()).doesNotContain("GENERATION_TIMED_OUT");
    }

    @Test
    void sigterm_stops_taking_updates_and_exits_within_ten_seconds_and_the_job_resumes_on_the_next_start()
            throws Exception {
        rig(Duration.ofSeconds(6));
        Map<String, String> env = rig.env();
        BotProcess first = rig.startBot(env);
        int port = first.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(802, "en");
        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).isTrue();
        assertThat(BotProcess.get(port, "/health").statusCode()).isEqualTo(200);

        Instant asked = Instant.now();
        int status = first.terminate(Duration.ofSeconds(10));
        Duration took = Duration.between(asked, Instant.now());

        assertThat(status).as("the JVM's status after SIGTERM").isEqualTo(143);
        assertThat(first.output()).contains("BotLifecycle - stopping").contains("BotLifecycle - stopped")
                .doesNotContain("Exception");
        BotProcess second = rig.startBot(env);
        second.awaitRunning(Rig.WAIT);
        rig.awaitVideo(user);
        assertThat(rig.xai.submissions()).isEqualTo(1);
        System.out.println("SIGTERM to exit: " + took.toMillis() + " ms");
    }

    @Test
    void health_answers_503_while_starting_and_200_once_updates_flow() throws Exception {
        rig(Duration.ofMillis(300));
        // Telegram asks the bot to wait 2 s twice before it takes the command menu: the bot is still starting.
        rig.telegram.rateLimitNext("setMyCommands", 2, 2);
        int port = freePort();
        BotProcess bot = rig.startBot(rig.env("PORT", String.valueOf(port)));

        HttpResponse<String> starting = awaitAnswer(port);
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).contains("\"status\":\"starting\"");

        bot.awaitRunning(Rig.WAIT);
        assertThat(BotProcess.get(port, "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void a_second_bot_over_the_same_storage_is_refused_and_the_first_keeps_serving() throws Exception {
        rig(Duration.ofMillis(300));
        Map<String, String> env = rig.env();
        rig.startBot(env).awaitRunning(Rig.WAIT);

        BotProcess second = rig.startBot(env);

        assertThat(second.awaitExit(Rig.WAIT)).isEqualTo(1);
        assertThat(second.output()).contains("kisscam: could not start: the job store").contains("is already open").doesNotContain("\tat ");
        var user = new FakeBotApi.User(803, "en");
        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        rig.awaitVideo(user);
    }

    /** The first answer from /health, once the endpoint listens. */
    private static HttpResponse<String> awaitAnswer(int port) throws InterruptedException {
        Instant deadline = Instant.now().plus(Rig.WAIT);
        while (true) {
            try {
                return BotProcess.get(port, "/health");
            } catch (java.io.IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("nothing listened on " + port, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
