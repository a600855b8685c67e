package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import dev.kisscam.core.testing.TestImages;
import dev.kisscam.core.testing.TestVideos;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The packaged program, as a process, between a fake Telegram and a simulated xAI. */
class BotEndToEndIT extends WithRig {
    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void a_photo_of_two_people_becomes_a_delivered_video_and_shows_in_health_and_metrics() throws Exception {
        rig(Duration.ofMillis(500));
        BotProcess bot = rig.startBot(rig.env());
        int port = bot.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(501, "en");

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));

        BotApiCall video = rig.awaitVideo(user);
        assertThat(rig.telegram.uploaded(video, "video")).isEqualTo(TestVideos.minimalMp4());
        assertThat(rig.xai.submissions()).isEqualTo(1);

        var health = BotProcess.get(port, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).doesNotContain("waiting").doesNotContain("storage/");
        JsonNode checks = JSON.readTree(BotProcess.get(port, "/health/details").body()).path("checks");
        assertThat(checks.path("storage").path("status").asText()).isEqualTo("up");
        assertThat(checks.path("provider").path("status").asText()).isEqualTo("up");
        assertThat(checks.path("queue").has("waiting")).isTrue();

        String metrics = BotProcess.awaitMetrics(port, "kisscam_jobs_finished_total{outcome=\"delivered\"} 1.0", Rig.WAIT);
        assertThat(metrics)
                .containsPattern("kisscam_provider_calls_total\\{operation=\"submit\",status=\"ok\"} 1\\.0")
                .contains("kisscam_provider_spend_usd_total")
                .contains("kisscam_active_users 1.0")
                .contains("kisscam_generations_running 0.0")
                .contains("kisscam_stage_seconds_bucket{stage=\"delivery\"");
        assertThat(bot.output()).contains("[job ").doesNotContain(FakeBotApi.TOKEN).doesNotContain(
                dev.kisscam.app.testing.SimulatedXai.apiKey());
    }

    @Test
    void the_same_photo_sent_again_by_the_same_user_gets_the_earlier_video_without_a_second_submission()
            throws Exception {
        rig(Duration.ofMillis(300));
        int port = rig.startBot(rig.env()).awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(503, "en");
        var someoneElse = new FakeBotApi.User(504, "en");
        byte[] photo = ScenePhotos.jpeg(2, 800, 600);
        rig.sendFirstPhoto(user, photo);
        BotApiCall first = rig.awaitVideo(user);
        // The job counts as finished only after the video and the final edit went out.
        BotProcess.awaitMetrics(port, "kisscam_jobs_finished_total{outcome=\"delivered\"} 1.0", Rig.WAIT);

        rig.telegram.sendPhoto(user, photo);
        BotApiCall second = rig.telegram.await(c -> c.method().equals("sendVideo") && c != first, Rig.WAIT);
        rig.sendFirstPhoto(someoneElse, photo);
        rig.awaitVideo(someoneElse);

        assertThat(second.chatId()).isEqualTo(user.id());
        assertThat(rig.xai.submissions()).as("one for the user, one for someone else with the same photo").isEqualTo(2);
        assertThat(rig.xai.peopleQuestions()).as("the photo's people were counted once").isEqualTo(1);
    }

    @Test
    void two_photos_of_one_person_each_become_one_video() throws Exception {
        rig(Duration.ofMillis(300));
        rig.startBot(rig.env()).awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(502, "en");

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(1, 640, 800));
        rig.telegram.awaitText(user, "Now send a photo of the second person", Rig.WAIT);
        rig.telegram.sendPhoto(user, ScenePhotos.png(1, 700, 900));

        rig.awaitVideo(user);
        assertThat(rig.xai.submissions()).isEqualTo(1);
        JsonNode submitted = rig.xai.submittedBody(rig.xai.submittedRequestIds().getFirst()).orElseThrow();
        assertThat(submitted.path("model").asText()).isEqualTo("grok-imagine-video");
        assertThat(submitted.path("reference_images").size()).as("both portraits, each as it is").isEqualTo(2);
        assertThat(submitted.has("image")).as("no collage").isFalse();
        assertThat(submitted.path("prompt").asText()).contains("<IMAGE_1>", "<IMAGE_2>");
    }

    @Test
    void bad_files_get_a_short_answer_in_the_users_language_and_everyone_else_is_still_served() throws Exception {
        rig(Duration.ofMillis(300));
        rig.startBot(rig.env()).awaitRunning(Rig.WAIT);
        var russian = new FakeBotApi.User(601, "ru");
        var english = new FakeBotApi.User(602, "en");
        var happy = new FakeBotApi.User(603, "en");

        rig.telegram.sendDocument(russian, TestImages.pdf(), "application/pdf", "photo.pdf");
        BotApiCall question = rig.telegram.await(c -> c.chatId() == russian.id() && c.buttons().contains("consent"), Rig.WAIT);
        rig.telegram.pressButton(russian, question.messageId(), "consent");
        rig.sendFirstPhoto(english, TestImages.truncated(ScenePhotos.jpeg(2, 800, 600), 2_000));
        rig.sendFirstPhoto(happy, ScenePhotos.jpeg(2, 800, 600));
        rig.telegram.sendSticker(english);
        rig.telegram.sendText(english, "hello?");

        rig.telegram.awaitText(russian, "Не могу прочитать этот файл", Rig.WAIT);
        rig.telegram.awaitText(english, "could not read this photo", Rig.WAIT);
        rig.telegram.awaitText(english, "I work with photos only", Rig.WAIT);
        rig.telegram.awaitText(english, "Send me a photo of two people", Rig.WAIT);
        rig.awaitVideo(happy);
        assertThat(rig.xai.submissions()).as("only the good photo reached the provider").isEqualTo(1);
    }

    @Test
    void a_provider_outage_is_reported_with_a_retry_that_works_once_the_provider_is_back() throws Exception {
        rig(Duration.ofMillis(300));
        rig.startBot(rig.env()).awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(701, "en");
        rig.xai.failNext(1_000, 503);

        rig.telegram.sendPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        BotApiCall question = rig.telegram.await(c -> c.chatId() == user.id() && c.buttons().contains("consent"), Rig.WAIT);
        rig.telegram.pressButton(user, question.messageId(), "consent");
        BotApiCall busy = rig.telegram.await(c -> c.chatId() == user.id() && c.text().contains("busy"), Rig.WAIT);
        assertThat(rig.xai.submissions()).isZero();

        rig.xai.recover();
        rig.telegram.sendPhoto(user, ScenePhotos.jpeg(2, 800, 600));

        rig.awaitVideo(user);
        assertThat(rig.xai.submissions()).isEqualTo(1);
        assertThat(busy.text()).doesNotContain("503");
    }
}
