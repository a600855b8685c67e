package dev.kisscam.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz-123_456";
    private static final String KEY = "xai-0123456789abcdefSECRET";

    private static Map<String, String> minimal() {
        var env = new HashMap<String, String>();
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("GROK_API_KEY", KEY);
        return env;
    }

    private static AppConfig valid(Map<String, String> env, ConfigLoader.Purpose purpose) {
        var loaded = ConfigLoader.load(env, purpose);
        assertThat(loaded).isInstanceOf(ConfigLoader.Valid.class);
        return ((ConfigLoader.Valid) loaded).config();
    }

    @Test
    void the_two_secrets_are_enough_and_everything_else_has_a_default() {
        AppConfig config = valid(minimal(), ConfigLoader.Purpose.BOT);

        assertThat(config.telegram().apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(config.telegram().mode()).isEqualTo(AppConfig.TelegramMode.POLLING);
        assertThat(config.grok().apiUrl()).isEqualTo(URI.create("https://api.x.ai/v1"));
        assertThat(config.grok().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.grok().generationTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.grok().videoDurationSeconds()).isEqualTo(6);
        assertThat(config.storage()).isEqualTo(new AppConfig.LocalStorage(Path.of("./storage"), Path.of("./storage/tmp")));
        assertThat(config.limits()).isEqualTo(new AppConfig.Limits(4, 10, Duration.ofHours(1), Duration.ofHours(1)));
        assertThat(config.server()).isEqualTo(new AppConfig.Server("0.0.0.0", 8000));
    }

    @Test
    void every_problem_is_reported_at_once() {
        var env = new HashMap<String, String>();
        env.put("TELEGRAM_API_URL", "not a url");
        env.put("STORAGE_BACKEND", "ftp");
        env.put("MAX_CONCURRENT_GENERATIONS", "-3");
        env.put("GROK_POLL_INTERVAL", "soon");
        env.put("PORT", "70000");

        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);

        assertThat(loaded).isInstanceOfSatisfying(ConfigLoader.Invalid.class, invalid -> assertThat(invalid.problems())
                .anyMatch(p -> p.startsWith("TELEGRAM_BOT_TOKEN is required"))
                .anyMatch(p -> p.startsWith("GROK_API_KEY is required"))
                .anyMatch(p -> p.startsWith("TELEGRAM_API_URL must be an http(s) URL"))
                .anyMatch(p -> p.equals("STORAGE_BACKEND must be one of local, s3, was 'ftp'"))
                .anyMatch(p -> p.equals("MAX_CONCURRENT_GENERATIONS must be between 1 and 1000, was -3"))
                .anyMatch(p -> p.startsWith("GROK_POLL_INTERVAL must be a number of seconds"))
                .anyMatch(p -> p.startsWith("PORT must be between 0 and 65535"))
                .hasSize(7));
    }

    @Test
    void provider_settings_that_cannot_work_together_are_problems_too() {
        var env = minimal();
        env.put("TELEGRAM_API_URL", "https://api.telegram.org/bot123/");
        env.put("GROK_POLL_INTERVAL", "30");
        env.put("GROK_GENERATION_TIMEOUT", "20");
        env.put("GROK_REQUESTS_PER_SECOND", "0");
        env.put("REPEAT_CACHE_WINDOW", "-1");

        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);

        assertThat(loaded).isInstanceOfSatisfying(ConfigLoader.Invalid.class, invalid -> assertThat(invalid.problems())
                .anyMatch(p -> p.startsWith("TELEGRAM_API_URL takes a scheme, host and port only"))
                .anyMatch(p -> p.equals("GROK_POLL_INTERVAL must be shorter than GROK_GENERATION_TIMEOUT"))
                .anyMatch(p -> p.startsWith("GROK_REQUESTS_PER_SECOND must be between 1 and"))
                .anyMatch(p -> p.startsWith("REPEAT_CACHE_WINDOW must be between 0 and"))
                .hasSize(4));
    }

    @Test
    void the_user_hash_secret_and_the_repeat_window_are_read_and_the_secret_is_masked() {
        var env = minimal();
        env.put("GROK_USER_HASH_SECRET", "hash-secret-0123456789");
        env.put("REPEAT_CACHE_WINDOW", "0");

        AppConfig config = valid(env, ConfigLoader.Purpose.BOT);

        assertThat(config.grok().userHashSecret()).contains(new Secret("hash-secret-0123456789"));
        assertThat(config.limits().repeatWindow()).isZero();
        assertThat(String.join("\n", ConfigLoader.describe(env))).doesNotContain("hash-secret-0123456789")
                .contains("GROK_USER_HASH_SECRET=****");
    }

    @Test
    void the_command_line_needs_no_telegram_token() {
        var env = new HashMap<String, String>();
        env.put("GROK_API_KEY", KEY);
        assertThat(valid(env, ConfigLoader.Purpose.COMMAND_LINE).telegram().token().value()).isEmpty();
    }

    @Test
    void webhook_mode_needs_its_url_and_a_well_formed_secret() {
        var env = minimal();
        env.put("TELEGRAM_MODE", "webhook");
        env.put("TELEGRAM_WEBHOOK_SECRET", "has spaces!");
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        assertThat(loaded).isInstanceOfSatisfying(ConfigLoader.Invalid.class, invalid -> assertThat(invalid.problems())
                .containsExactlyInAnyOrder("TELEGRAM_WEBHOOK_URL is required when TELEGRAM_MODE=webhook",
                        "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z a-z 0-9 _ -"));
    }

    @Test
    void s3_needs_its_endpoint_bucket_and_keys() {
        var env = minimal();
        env.put("STORAGE_BACKEND", "s3");
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        assertThat(loaded).isInstanceOfSatisfying(ConfigLoader.Invalid.class, invalid -> assertThat(invalid.problems())
                .hasSize(4).allMatch(p -> p.startsWith("S3_")));

        env.put("S3_ENDPOINT", "http://127.0.0.1:9000");
        env.put("S3_BUCKET", "videos");
        env.put("S3_ACCESS_KEY", "access");
        env.put("S3_SECRET_KEY", "secret-key-value");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).storage()).isInstanceOfSatisfying(AppConfig.S3Storage.class,
                s3 -> assertThat(s3.region()).isEqualTo("us-east-1"));
    }

    @Test
    void decimal_poll_intervals_are_allowed() {
        var env = minimal();
        env.put("GROK_POLL_INTERVAL", "0.25");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).grok().pollInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void the_environment_wins_over_the_dot_env_file(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "GROK_API_KEY=from-file\nRATE_LIMIT_REQUESTS=3\nPORT=9000\n");
        var merged = ConfigLoader.sources(Map.of("PORT", "9100", "TELEGRAM_BOT_TOKEN", TOKEN), dir);

        AppConfig config = valid(merged, ConfigLoader.Purpose.BOT);

        assertThat(config.grok().apiKey().value()).isEqualTo("from-file");
        assertThat(config.limits().rateLimitRequests()).isEqualTo(3);
        assertThat(config.server().port()).isEqualTo(9100);
    }

    @Test
    void secrets_never_show_in_the_description_or_in_to_string() {
        var env = minimal();
        env.put("S3_SECRET_KEY", "s3-super-secret");
        var lines = ConfigLoader.describe(env);

        assertThat(String.join("\n", lines)).doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain("s3-super-secret")
                .contains("TELEGRAM_BOT_TOKEN=****").contains("GROK_API_URL=https://api.x.ai/v1");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).toString()).doesNotContain(TOKEN).doesNotContain(KEY);
    }

    @Test
    void the_example_file_documents_every_variable_the_loader_reads() throws Exception {
        String example = Files.readString(Path.of("..", ".env.example"));
        var documented = example.lines().filter(l -> l.matches("[A-Z0-9_]+=.*")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(java.util.stream.Collectors.toSet());
        var read = new java.util.HashSet<>(ConfigLoader.DEFAULTS.keySet());
        ConfigLoader.describe(Map.of()).forEach(line -> read.add(line.substring(0, line.indexOf('='))));
        read.addAll(ConfigLoader.SECRETS);
        read.addAll(java.util.List.of("TELEGRAM_WEBHOOK_URL", "TEMP_STORAGE_PATH", "S3_ENDPOINT", "S3_BUCKET", "LOG_FILE"));

        assertThat(documented).containsExactlyInAnyOrderElementsOf(read);
    }
}
