package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Telegram goes away while a paid video is on its way: the video waits, across a restart, and arrives. */
class TelegramOutageIT extends WithRig {

    @Test
    void a_video_made_while_telegram_is_down_arrives_once_it_is_back() throws Exception {
        rig(Duration.ofSeconds(3));
        rig.startBot(rig.env()).awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(901, "en");
        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).isTrue();

        rig.telegram.failFor(Duration.ofSeconds(12), 502);

        BotApiCall video = rig.telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == user.id()
                && rig.telegram.answeredWith(c) == 200, Rig.WAIT);
        assertThat(rig.telegram.uploaded(video, "video")).isNotEmpty();
        assertThat(rig.telegram.calls("sendVideo")).as("tried while Telegram was down, then sent")
                .anySatisfy(call -> assertThat(rig.telegram.answeredWith(call)).isEqualTo(502));
        assertThat(rig.xai.submissions()).isEqualTo(1);
    }

    @Test
    void a_video_waiting_for_telegram_survives_kill_9_and_is_delivered_by_the_next_start() throws Exception {
        rig(Duration.ofSeconds(2));
        Map<String, String> env = rig.env();
        BotProcess first = rig.startBot(env);
        first.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(902, "en");
        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).isTrue();
        rig.telegram.failFor(Duration.ofSeconds(60), 502);

        // The video is made and offered to a Telegram that answers 502: it is stored, not thrown away.
        rig.telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == user.id(), Rig.WAIT);
        first.kill();
        rig.telegram.failFor(Duration.ZERO, 502);

        BotProcess second = rig.startBot(env);
        second.awaitRunning(Rig.WAIT);

        rig.telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == user.id()
                && rig.telegram.answeredWith(c) == 200, Rig.WAIT);
        assertThat(rig.xai.submissions()).as("the paid video was kept, not made again").isEqualTo(1);
        assertThat(rig.xai.downloads()).isEqualTo(1);
    }

    @Test
    void an_outage_is_one_warning_when_telegram_goes_and_one_line_when_it_is_back_and_health_says_so() throws Exception {
        rig(Duration.ofMillis(300));
        BotProcess bot = rig.startBot(rig.env());
        int port = bot.awaitRunning(Rig.WAIT);
        assertThat(health(port)).isEqualTo(200);

        rig.telegram.goneFor(Duration.ofSeconds(6), 502);
        awaitHealth(port, 503);
        awaitHealth(port, 200);

        String log = bot.output();
        assertThat(log.lines().filter(line -> line.contains("cannot reach Telegram at"))).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("WARN").contains("HTTP 502"));
        assertThat(log.lines().filter(line -> line.contains("answers again, after"))).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("INFO"));
        assertThat(log).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    private static int health(int port) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Polls /health until it answers {@code status}; the outage lasts seconds, so each look is 100 ms apart. */
    private static void awaitHealth(int port, int status) throws Exception {
        long deadline = System.nanoTime() + Rig.WAIT.toNanos();
        while (health(port) != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/health did not answer " + status + " within " + Rig.WAIT);
            }
            Thread.sleep(100);
        }
    }
}
