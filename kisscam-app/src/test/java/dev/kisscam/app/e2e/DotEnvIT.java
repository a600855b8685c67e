package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.app.testing.ScenePhotos;
import dev.kisscam.app.testing.SimulatedXai;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged program reading a {@code .env} an operator wrote by hand: habits accepted, mistakes told, secrets kept. */
class DotEnvIT {
    private static final String TOKEN = "7712345678:AAH-dotenv_secret_token_0123456789";
    private static final String KEY = "xai-dotenv-secret-key-0123456789";

    @TempDir
    Path directory;

    @Test
    void unreadable_lines_are_configuration_problems_that_never_show_the_secrets_they_hold() throws Exception {
        Files.writeString(directory.resolve(".env"), String.join("\n", List.of(
                "export TELEGRAM_BOT_TOKEN " + TOKEN,
                "GROK_API_KEY=\"" + KEY,
                "")));

        BotProcess bot = BotProcess.start(directory, Map.of(), "bot");

        assertThat(bot.awaitExit(Rig.WAIT)).isEqualTo(2);
        assertThat(bot.output())
                .contains(".env line 1: cannot read it").contains(".env line 2: cannot read it (a quote is never closed)")
                .contains("TELEGRAM_BOT_TOKEN is required")
                .doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void export_and_single_quotes_are_read_as_systemd_reads_them() throws Exception {
        Files.writeString(directory.resolve(".env"), String.join("\n", List.of(
                "export TELEGRAM_BOT_TOKEN='" + TOKEN + "'",
                "export GROK_API_KEY='" + KEY + "'",
                "STORAGE_BACKEND='ftp'",
                "")));

        BotProcess bot = BotProcess.start(directory, Map.of(), "bot");

        // Both secrets were read (no "is required"), and a quoted value is its text without the quotes.
        assertThat(bot.awaitExit(Rig.WAIT)).isEqualTo(2);
        assertThat(bot.output()).contains("STORAGE_BACKEND must be one of local, s3, was 'ftp'")
                .doesNotContain("is required").doesNotContain(".env line").doesNotContain(TOKEN).doesNotContain(KEY);
    }

    @Test
    void generate_keeps_to_warnings_when_only_the_bots_env_file_sets_a_log_level() throws Exception {
        try (SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(300))) {
            Files.writeString(directory.resolve(".env"), String.join("\n", List.of(
                    "GROK_API_KEY=" + SimulatedXai.apiKey(), "GROK_API_URL=" + xai.baseUrl(), "GROK_POLL_INTERVAL=0.1",
                    "LOG_LEVEL=INFO", "")));
            Path photo = Files.write(directory.resolve("us.jpg"), ScenePhotos.jpeg(2, 800, 600));

            BotProcess quiet = BotProcess.start(directory, Map.of(), "generate", photo.toString(), "--out",
                    directory.resolve("kiss.mp4").toString());
            assertThat(quiet.awaitExit(Rig.WAIT)).as(quiet.output()).isZero();
            assertThat(quiet.output()).doesNotContain(" INFO ");

            BotProcess asked = BotProcess.start(directory, Map.of("LOG_LEVEL", "INFO"), "generate", photo.toString(),
                    "--out", directory.resolve("again.mp4").toString());
            assertThat(asked.awaitExit(Rig.WAIT)).as(asked.output()).isZero();
            assertThat(asked.output()).contains(" INFO ");
        }
    }
}
