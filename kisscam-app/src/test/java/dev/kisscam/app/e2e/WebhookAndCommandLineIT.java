package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import dev.kisscam.app.testing.SimulatedXai;
import dev.kisscam.core.testing.TestImages;
import dev.kisscam.core.testing.TestVideos;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The program's other faces: webhook mode, the command line, the launcher, and a configuration it refuses. */
class WebhookAndCommandLineIT extends WithRig {
    private static final String WEBHOOK_SECRET = "hook-secret_0123456789";


    @Test
    void in_webhook_mode_it_registers_its_url_and_answers_updates_that_carry_the_secret() throws Exception {
        rig(Duration.ofMillis(300));
        BotProcess bot = rig.startBot(rig.env("TELEGRAM_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.org/hooks/kisscam", "TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET));
        int port = bot.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(901, "ru");

        BotApiCall registered = rig.telegram.await(c -> c.method().equals("setWebhook"), Rig.WAIT);
        assertThat(registered.params().path("url").asText()).isEqualTo("https://bot.example.org/hooks/kisscam");
        assertThat(registered.params().path("secret_token").asText()).isEqualTo(WEBHOOK_SECRET);

        int forged = post(port, "/hooks/kisscam", "wrong-secret", rig.telegram.textUpdateJson(user, "/start"));
        int genuine = post(port, "/hooks/kisscam", WEBHOOK_SECRET, rig.telegram.textUpdateJson(user, "/start"));

        assertThat(forged).isEqualTo(401);
        assertThat(genuine).isEqualTo(200);
        rig.telegram.awaitText(user, "Kisscam", Rig.WAIT);
        assertThat(rig.telegram.chat(user)).hasSize(1);
    }

    private static int post(int port, String path, String secret, String json) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", secret)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Map<String, String> commandLineEnv(SimulatedXai xai) {
        var env = new HashMap<String, String>();
        env.put("GROK_API_KEY", SimulatedXai.apiKey());
        env.put("GROK_API_URL", xai.baseUrl().toString());
        env.put("GROK_POLL_INTERVAL", "0.1");
        return env;
    }

    @Test
    void generate_writes_the_video_and_shows_progress_without_any_telegram_setting() throws Exception {
        try (SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(800))) {
            Path photo = Files.write(directory.resolve("couple.jpg"), ScenePhotos.jpeg(2, 800, 600));
            Path video = directory.resolve("out/kiss.mp4");

            BotProcess run = BotProcess.start(directory, commandLineEnv(xai), "generate", photo.toString(), "--out",
                    video.toString());

            assertThat(run.awaitExit(Rig.WAIT)).as(run.output()).isZero();
            assertThat(video).hasBinaryContent(TestVideos.minimalMp4());
            // The default model, 6 s at 480p from one image: 6 x $0.05 + $0.002, from the price list, before paying.
            assertThat(run.output()).contains("Estimated cost: $0.302 (grok-imagine-video, price list)")
                    .contains("Generating [").contains("Cost: $").contains("Video written to");
            assertThat(run.output().indexOf("Estimated cost")).isLessThan(run.output().indexOf("Generating ["));
            assertThat(xai.submissions()).isEqualTo(1);
        }
    }

    @Test
    void generate_refuses_a_pdf_with_status_3_and_two_photos_of_one_person_each_make_one_video() throws Exception {
        try (SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(300))) {
            Path pdf = Files.write(directory.resolve("scan.jpg"), TestImages.pdf());
            Path first = Files.write(directory.resolve("her.png"), ScenePhotos.png(1, 600, 800));
            Path second = Files.write(directory.resolve("him.jpg"), ScenePhotos.jpeg(1, 600, 800));

            BotProcess refused = BotProcess.start(directory, commandLineEnv(xai), "generate", pdf.toString(), "--out",
                    directory.resolve("never.mp4").toString());
            assertThat(refused.awaitExit(Rig.WAIT)).isEqualTo(3);
            assertThat(refused.output()).contains("Refused: the file is PDF");
            assertThat(directory.resolve("never.mp4")).doesNotExist();

            BotProcess pair = BotProcess.start(directory, commandLineEnv(xai), "generate", first.toString(),
                    second.toString(), "-o", directory.resolve("pair.mp4").toString());
            assertThat(pair.awaitExit(Rig.WAIT)).as(pair.output()).isZero();
            assertThat(xai.submissions()).isEqualTo(1);
        }
    }

    @Test
    void a_bad_configuration_lists_every_problem_and_exits_2_without_a_stack_trace() throws Exception {
        BotProcess bot = BotProcess.start(directory, Map.of("STORAGE_BACKEND", "ftp", "PORT", "-5",
                "TELEGRAM_API_URL", "telegram.local"), "bot");

        assertThat(bot.awaitExit(Rig.WAIT)).isEqualTo(2);
        assertThat(bot.output())
                .contains("TELEGRAM_BOT_TOKEN is required").contains("GROK_API_KEY is required")
                .contains("STORAGE_BACKEND must be one of local, s3, was 'ftp'")
                .contains("PORT must be between 0 and 65535, was -5")
                .contains("TELEGRAM_API_URL must be an http(s) URL")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void the_launcher_finds_a_jdk_21_by_itself_when_the_default_java_is_older() throws Exception {
        Path launcher = Path.of("..", "bin", "kisscam").toAbsolutePath().normalize();
        var builder = new ProcessBuilder(List.of("bash", launcher.toString(), "--version")).redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("kisscam 0.1.0-SNAPSHOT");
    }
}
