package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.PackagedProgram;
import dev.kisscam.app.testing.ScenePhotos;
import dev.kisscam.app.testing.SimulatedXai;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged bot failing to start says what to do, in the operator's terms (the variable to change). */
class StartupFailureIT {
    @TempDir
    Path directory;

    private static final String TOKEN = "7712345678:AAH-startup_token_0123456789";

    @Test
    void a_token_telegram_refuses_is_a_configuration_problem_told_at_once() throws Exception {
        try (FakeBotApi telegram = FakeBotApi.start()) {
            BotProcess bot = BotProcess.start(directory, env(telegram.baseUrl().toString()), "bot");

            assertThat(bot.awaitExit(Rig.WAIT)).as(bot.output()).isEqualTo(2);
            assertThat(bot.output())
                    .contains("kisscam: could not start: Telegram refused the bot token (401): check TELEGRAM_BOT_TOKEN")
                    .doesNotContain(TOKEN).doesNotContain("\tat ");
            // Nothing was retried: one question, one refusal.
            assertThat(telegram.unauthorizedRequests()).isEqualTo(1);
            assertThat(telegram.calls()).isEmpty();
        }
    }

    @Test
    void an_unreachable_telegram_is_told_with_its_cause_without_a_round_of_retries() throws Exception {
        int closed;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        long started = System.nanoTime();
        BotProcess bot = BotProcess.start(directory, env("http://127.0.0.1:" + closed), "bot");

        assertThat(bot.awaitExit(Rig.WAIT)).as(bot.output()).isEqualTo(1);
        assertThat(bot.output()).contains("kisscam: could not start: cannot reach Telegram at http://127.0.0.1:" + closed
                + ": getMe got no answer: ConnectException").doesNotContain(TOKEN).doesNotContain("\tat ");
        // The retries of a running bot (seconds of backoff) are not spent on a start that cannot work.
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(Rig.WAIT);
    }

    private Map<String, String> env(String telegramUrl) {
        return Map.of("TELEGRAM_BOT_TOKEN", TOKEN, "GROK_API_KEY", "xai-startup-key",
                "STORAGE_PATH", directory.resolve("storage").toString(), "HOST", "127.0.0.1", "PORT", "0",
                "TELEGRAM_API_URL", telegramUrl);
    }

    @Test
    void a_port_in_use_is_named_with_its_variable() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            var env = new java.util.HashMap<>(env("http://127.0.0.1:9"));
            env.put("PORT", String.valueOf(port));
            BotProcess bot = BotProcess.start(directory, env, "bot");

            assertThat(bot.awaitExit(Rig.WAIT)).isEqualTo(1);
            assertThat(bot.output()).contains("kisscam: could not start: PORT=" + port + " is in use on 127.0.0.1")
                    .contains("choose another PORT").doesNotContain("\tat ").doesNotContain(TOKEN);
        }
    }

    @Test
    void a_key_xai_refuses_stops_the_bot_as_a_configuration_problem() throws Exception {
        try (FakeBotApi telegram = FakeBotApi.start(); SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(100))) {
            var env = new java.util.HashMap<>(PackagedProgram.botEnvironment(telegram, xai, directory));
            env.put("GROK_API_KEY", "xai-not-the-right-key-0123");

            BotProcess bot = BotProcess.start(directory, env, "bot");

            assertThat(bot.awaitExit(Rig.WAIT)).as(bot.output()).isEqualTo(2);
            assertThat(bot.output()).contains("kisscam: could not start: xAI refused the API key: check GROK_API_KEY")
                    .doesNotContain("xai-not-the-right-key-0123").doesNotContain("\tat ");
            assertThat(telegram.calls()).as("Telegram is not asked before the key is known to work").isEmpty();
        }
    }

    @Test
    void generate_with_a_refused_key_or_an_unreachable_xai_exits_4_before_any_photo_is_looked_at() throws Exception {
        Path photo = Files.write(directory.resolve("us.jpg"), ScenePhotos.jpeg(2, 800, 600));
        try (SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(100))) {
            BotProcess refused = BotProcess.start(directory, Map.of("GROK_API_KEY", "xai-not-the-right-key-0123",
                    "GROK_API_URL", xai.baseUrl().toString()), "generate", photo.toString(), "--out",
                    directory.resolve("kiss.mp4").toString());

            assertThat(refused.awaitExit(Rig.WAIT)).as(refused.output()).isEqualTo(4);
            assertThat(refused.output()).contains("kisscam: xAI refused the API key: check GROK_API_KEY")
                    .doesNotContain("xai-not-the-right-key-0123");
            assertThat(xai.peopleQuestions()).isZero();
        }
        int closed;
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = probe.getLocalPort();
        }
        BotProcess unreachable = BotProcess.start(directory, Map.of("GROK_API_KEY", "xai-startup-key",
                "GROK_API_URL", "http://127.0.0.1:" + closed + "/v1"), "generate", photo.toString(), "--out",
                directory.resolve("kiss.mp4").toString());

        assertThat(unreachable.awaitExit(Rig.WAIT)).as(unreachable.output()).isEqualTo(4);
        assertThat(unreachable.output()).contains("kisscam: xAI cannot be reached: ").contains("ConnectException");
        assertThat(directory.resolve("kiss.mp4")).doesNotExist();
    }
}
