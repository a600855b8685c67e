package dev.kisscam.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.app.KisscamMain;
import dev.kisscam.app.Launch;
import dev.kisscam.core.service.KisscamSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user types it: arguments, what it prints, and its exit status. */
class CliTest {
    /** Enough configuration for the command line; nothing here reaches the provider. */
    private static final Map<String, String> ENVIRONMENT = Map.of("GROK_API_KEY", "xai-test-key");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int kisscam(String... args) {
        var launch = new Launch(ENVIRONMENT, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return KisscamMain.run(launch, args);
    }

    @Test
    void styles_lists_the_style_ids_the_core_offers_its_default_first() {
        assertThat(kisscam("styles")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
                .hasSize(KisscamSettings.STYLES.size())
                .startsWith("gentle  (default)", "cinematic")
                .endsWith("hug-then-kiss");
    }

    @Test
    void an_unknown_style_stops_generate_with_the_styles_there_are_and_a_non_zero_status() throws Exception {
        Path photo = Files.write(dir.resolve("us.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8});
        int status = kisscam("generate", photo.toString(), "--style", "underwater",
                "--out", dir.resolve("kiss.mp4").toString());

        assertThat(status).isEqualTo(GenerateRun.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("there is no style \"underwater\"; choose one of: gentle, cinematic,");
        assertThat(dir.resolve("kiss.mp4")).doesNotExist();
    }

    @Test
    void bot_refuses_an_unknown_role_with_status_2_naming_the_roles_before_reading_any_setting() {
        assertThat(kisscam("bot", "--role=scheduler")).isEqualTo(Launch.BAD_CONFIGURATION);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--role").contains("expected one of all, frontend, worker, was 'scheduler'")
                .doesNotContain("TELEGRAM_BOT_TOKEN is required");
    }

    @Test
    void bot_explains_its_roles_in_its_help() {
        assertThat(kisscam("bot", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--role=ROLE").contains("frontend:")
                .contains("worker:");
    }

    @Test
    void generate_explains_style_and_wish_in_its_help() {
        assertThat(kisscam("generate", "--help")).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--style=STYLE").contains("--wish=TEXT")
                .contains("kisscam styles");
    }

    @Test
    void a_missing_photo_or_a_directory_is_a_bad_argument_told_on_standard_error() throws Exception {
        Path missing = dir.resolve("nowhere.jpg");
        Path directory = Files.createDirectory(dir.resolve("album"));

        assertThat(kisscam("generate", missing.toString(), "--out", dir.resolve("a.mp4").toString()))
                .isEqualTo(GenerateRun.BAD_ARGUMENTS);
        assertThat(kisscam("generate", directory.toString(), "--out", dir.resolve("b.mp4").toString()))
                .isEqualTo(GenerateRun.BAD_ARGUMENTS);

        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("kisscam: " + missing + " is not a photo file that can be read.")
                .contains("kisscam: " + directory + " is not a photo file that can be read (it is a directory).");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void three_photos_are_a_bad_argument() throws Exception {
        Path photo = Files.write(dir.resolve("one.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8});

        int status = kisscam("generate", photo.toString(), photo.toString(), photo.toString(), "--out",
                dir.resolve("kiss.mp4").toString());

        assertThat(status).isEqualTo(GenerateRun.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unmatched argument");
    }

    @Test
    void help_is_a_command_and_the_bots_help_names_its_settings_and_the_env_file() {
        assertThat(kisscam("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bot").contains("generate").contains("styles");
        out.reset();

        assertThat(kisscam("bot", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(".env").contains("TELEGRAM_BOT_TOKEN")
                .contains("GROK_API_KEY").contains(".env.example");
        out.reset();

        assertThat(kisscam("help", "generate")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "))
                .contains("A JPEG, PNG or WebP photo: give one photo of two people, or two photos of one person each.");
    }
}
