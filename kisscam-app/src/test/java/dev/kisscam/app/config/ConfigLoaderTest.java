package dev.kisscam.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.core.domain.InvalidConfiguration;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.service.KisscamSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

    /** Every optional part switched on: media in S3, updates by webhook, Redis shared with other instances. */
    private static Map<String, String> withS3AndWebhook() {
        var env = minimal();
        env.put("STORAGE_BACKEND", "s3");
        env.put("S3_ENDPOINT", "http://127.0.0.1:9000");
        env.put("S3_BUCKET", "videos");
        env.put("S3_ACCESS_KEY", "s3-access-key-id");
        env.put("S3_SECRET_KEY", "s3-super-secret");
        env.put("TELEGRAM_MODE", "webhook");
        env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/hook");
        env.put("TELEGRAM_WEBHOOK_SECRET", "webhook-secret-value");
        env.put("DATABASE_URL", "postgresql://kisscam:db-pass-never-shown@db.example:5432/kisscam");
        env.put("REDIS_HOST", "cache.internal");
        env.put("REDIS_PASSWORD", "redis-secret-value");
        return env;
    }

    private static AppConfig valid(Map<String, String> env, ConfigLoader.Purpose purpose) {
        var loaded = ConfigLoader.load(env, purpose);
        assertThat(loaded).isInstanceOf(ConfigLoader.Valid.class);
        return ((ConfigLoader.Valid) loaded).config();
    }

    private static List<String> problems(Map<String, String> env) {
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        assertThat(loaded).isInstanceOf(ConfigLoader.Invalid.class);
        return ((ConfigLoader.Invalid) loaded).problems();
    }

    private static GrokConfig grok(AppConfig config) {
        return switch (config.provider()) {
            case AppConfig.Provider.Grok grok -> grok.config();
        };
    }

    private static TelegramConfig telegram(AppConfig config) {
        return config.telegram().orElseThrow().config();
    }

    @Test
    void the_two_secrets_are_enough_and_everything_else_has_a_default() {
        AppConfig config = valid(minimal(), ConfigLoader.Purpose.BOT);

        assertThat(telegram(config).apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(telegram(config).mode()).isEqualTo(TelegramConfig.Mode.LONG_POLLING);
        assertThat(config.provider()).isInstanceOf(AppConfig.Provider.Grok.class);
        assertThat(grok(config).baseUrl()).isEqualTo(URI.create("https://api.x.ai/v1"));
        assertThat(grok(config).pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(grok(config).generationTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(grok(config).durationSeconds()).isEqualTo(6);
        assertThat(grok(config).rateLimit().permits()).isEqualTo(10);
        assertThat(grok(config).userHashSecret()).isEqualTo(KEY);
        assertThat(config.storage()).isEqualTo(new AppConfig.LocalStorage(LocalStorageConfig.at(Path.of("./storage"))));
        assertThat(config.storage().local().tempPath()).isEqualTo(Path.of("storage", "tmp").toAbsolutePath());
        assertThat(config.core().maxConcurrentGenerations()).isEqualTo(4);
        assertThat(config.limits()).isEqualTo(new AppConfig.Limits(10, Duration.ofHours(1), 30));
        assertThat(config.core().repeatWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.server()).isEqualTo(new AppConfig.Server("0.0.0.0", 8000));
        assertThat(config.database()).isEqualTo(SqlConfig.under(Path.of("./storage")));
    }

    @Test
    void a_shared_postgresql_database_with_media_on_the_local_disk_is_refused_for_the_bot_only() {
        var env = minimal();
        env.put("DATABASE_URL", "postgresql://bot:pw-1234@db.example/kisscam");

        assertThat(problems(env)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("DATABASE_URL is a PostgreSQL database that several instances share, but STORAGE_BACKEND=local")
                .contains("set STORAGE_BACKEND=s3").doesNotContain("pw-1234");
        env.put("STORAGE_BACKEND", "local");
        assertThat(problems(env)).hasSize(1);
        // The command line keeps its one job in a private directory: the bot's database is none of its business.
        valid(env, ConfigLoader.Purpose.COMMAND_LINE);
        env.put("DATABASE_URL", "sqlite:/var/lib/kisscam/records.db");
        valid(env, ConfigLoader.Purpose.BOT);
    }

    @Test
    void with_redis_submissions_are_paced_at_most_a_thousand_a_second_which_a_single_instance_may_exceed() {
        var env = withS3AndWebhook();
        env.put("GROK_SUBMITS_PER_SECOND", "1001");

        assertThat(problems(env)).containsExactly("GROK_SUBMITS_PER_SECOND must be at most 1000 with Redis"
                + " (submissions are spaced at least 1 ms apart across instances), was 1001");
        env.put("GROK_SUBMITS_PER_SECOND", "1000");
        valid(env, ConfigLoader.Purpose.BOT);
        valid(minimalWith("GROK_SUBMITS_PER_SECOND", "5000"), ConfigLoader.Purpose.BOT);
    }

    @Test
    void database_url_names_sqlite_or_postgresql_and_a_wrong_one_is_a_problem() {
        var env = minimal();
        env.put("STORAGE_PATH", "/srv/kisscam");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).database().location()).isEqualTo("sqlite:/srv/kisscam/kisscam.db");

        env.put("DATABASE_URL", "sqlite:/var/lib/kisscam/records.db");
        assertThat(ConfigLoader.describe(valid(env, ConfigLoader.Purpose.BOT)))
                .contains("DATABASE_URL=sqlite:/var/lib/kisscam/records.db");

        env = withS3AndWebhook();
        env.put("DATABASE_URL", "postgresql://bot:pw-1234@db.example/kisscam");
        SqlConfig postgresql = valid(env, ConfigLoader.Purpose.BOT).database();
        assertThat(postgresql.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example/kisscam");
        assertThat(postgresql.user()).contains("bot");
        assertThat(postgresql.password()).contains("pw-1234");

        env.put("DATABASE_URL", "mysql://bot:pw-1234@db.example/kisscam");
        assertThat(problems(env)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("DATABASE_URL must be sqlite:PATH or postgresql://").doesNotContain("pw-1234");
    }

    @Test
    void what_is_set_reaches_the_adapters_records() {
        var env = minimal();
        env.put("GROK_API_URL", "http://127.0.0.1:9/v1");
        env.put("GROK_VIDEO_MODEL", "grok-imagine-video-1.5");
        env.put("GROK_VISION_MODEL", "grok-5");
        env.put("GROK_GENERATION_TIMEOUT", "120");
        env.put("GROK_REQUESTS_PER_SECOND", "25");
        env.put("VIDEO_DURATION", "8");
        env.put("VIDEO_RESOLUTION", "720P");
        env.put("MAX_CONCURRENT_GENERATIONS", "12");
        env.put("TELEGRAM_API_URL", "http://127.0.0.1:8081");
        env.put("TEMP_STORAGE_PATH", "/var/tmp/kisscam");

        AppConfig config = valid(env, ConfigLoader.Purpose.BOT);

        assertThat(grok(config).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9/v1"));
        assertThat(grok(config).videoModel()).isEqualTo("grok-imagine-video-1.5");
        assertThat(grok(config).visionModel()).isEqualTo("grok-5");
        assertThat(grok(config).generationTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(grok(config).rateLimit().permits()).isEqualTo(25);
        assertThat(grok(config).rateLimit().period()).isEqualTo(Duration.ofSeconds(1));
        assertThat(grok(config).durationSeconds()).isEqualTo(8);
        assertThat(grok(config).resolution()).isEqualTo("720p");
        assertThat(config.core().maxConcurrentGenerations()).isEqualTo(12);
        assertThat(telegram(config).apiUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
        assertThat(config.storage().local().tempPath()).isEqualTo(Path.of("/var/tmp/kisscam"));
    }

    @Test
    void every_problem_is_reported_at_once() {
        var env = new HashMap<String, String>();
        env.put("TELEGRAM_API_URL", "not a url");
        env.put("STORAGE_BACKEND", "ftp");
        env.put("MAX_CONCURRENT_GENERATIONS", "-3");
        env.put("GROK_POLL_INTERVAL", "soon");
        env.put("PORT", "70000");

        assertThat(problems(env))
                .anyMatch(p -> p.startsWith("TELEGRAM_BOT_TOKEN is required"))
                .anyMatch(p -> p.startsWith("GROK_API_KEY is required"))
                .anyMatch(p -> p.startsWith("TELEGRAM_API_URL must be an http(s) URL"))
                .anyMatch(p -> p.equals("STORAGE_BACKEND must be one of local, s3, was 'ftp'"))
                .anyMatch(p -> p.equals("MAX_CONCURRENT_GENERATIONS must be between 1 and 1000, was -3"))
                .anyMatch(p -> p.startsWith("GROK_POLL_INTERVAL must be a number of seconds"))
                .anyMatch(p -> p.startsWith("PORT must be between 0 and 65535"))
                .hasSize(7);
    }

    @Test
    void the_adapters_rules_are_reported_through_their_records_together_with_parse_errors() {
        var env = minimal();
        env.put("VIDEO_DURATION", "20");
        env.put("VIDEO_RESOLUTION", "4k");
        env.put("GROK_POLL_INTERVAL", "600");
        env.put("GROK_GENERATION_TIMEOUT", "600");
        env.put("MAX_CONCURRENT_GENERATIONS", "0");
        env.put("TEMP_STORAGE_PATH", "./storage/media/tmp");
        env.put("RATE_LIMIT_REQUESTS", "many");

        assertThat(problems(env)).containsExactlyInAnyOrder(
                "VIDEO_DURATION must be between 1 and 15, was 20",
                "VIDEO_RESOLUTION must be one of 480p, 720p, 1080p, was '4k'",
                "GROK_POLL_INTERVAL must be shorter than GROK_GENERATION_TIMEOUT",
                "MAX_CONCURRENT_GENERATIONS must be between 1 and 1000, was 0",
                "TEMP_STORAGE_PATH (" + Path.of("storage/media/tmp").toAbsolutePath() + ") must not be STORAGE_PATH"
                        + " itself or lie inside its media directory, where the stores keep their own files",
                "RATE_LIMIT_REQUESTS must be a whole number, was 'many'");
    }

    @Test
    void provider_settings_that_cannot_work_together_are_problems_too() {
        var env = minimal();
        env.put("TELEGRAM_API_URL", "https://api.telegram.org/bot123/");
        env.put("GROK_POLL_INTERVAL", "30");
        env.put("GROK_GENERATION_TIMEOUT", "20");
        env.put("GROK_REQUESTS_PER_SECOND", "0");
        env.put("REPEAT_CACHE_WINDOW", "-1");

        assertThat(problems(env))
                .anyMatch(p -> p.startsWith("TELEGRAM_API_URL takes a scheme, host and port only"))
                .anyMatch(p -> p.equals("GROK_POLL_INTERVAL must be shorter than GROK_GENERATION_TIMEOUT"))
                .anyMatch(p -> p.startsWith("GROK_REQUESTS_PER_SECOND must be between 1 and"))
                .anyMatch(p -> p.startsWith("REPEAT_CACHE_WINDOW must be between 0 and"))
                .hasSize(4);
    }

    @Test
    void the_provider_is_grok_unless_set_and_an_unknown_one_is_a_problem_naming_the_choices() {
        var env = minimal();
        env.put("VIDEO_PROVIDER", "GROK");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).provider()).isInstanceOf(AppConfig.Provider.Grok.class);

        env.put("VIDEO_PROVIDER", "runway");
        env.put("VIDEO_DURATION", "20");
        assertThat(problems(env)).containsExactly("VIDEO_PROVIDER must be one of grok, was 'runway'");
    }

    @Test
    void the_user_hash_secret_and_the_repeat_window_are_read_and_the_secret_is_masked() {
        var env = minimal();
        env.put("GROK_USER_HASH_SECRET", "hash-secret-0123456789");
        env.put("REPEAT_CACHE_WINDOW", "0");

        AppConfig config = valid(env, ConfigLoader.Purpose.BOT);

        assertThat(grok(config).userHashSecret()).isEqualTo("hash-secret-0123456789");
        assertThat(config.core().repeatWindow()).isZero();
        assertThat(String.join("\n", ConfigLoader.describe(config))).doesNotContain("hash-secret-0123456789")
                .contains("GROK_USER_HASH_SECRET=****");
    }

    @Test
    void the_command_line_needs_no_telegram_token() {
        var env = new HashMap<String, String>();
        env.put("GROK_API_KEY", KEY);
        assertThat(valid(env, ConfigLoader.Purpose.COMMAND_LINE).telegram()).isEmpty();
    }

    @Test
    void webhook_mode_needs_its_url_and_a_well_formed_secret() {
        var env = minimal();
        env.put("TELEGRAM_MODE", "webhook");
        env.put("TELEGRAM_WEBHOOK_SECRET", "has spaces!");
        assertThat(problems(env)).containsExactlyInAnyOrder("TELEGRAM_WEBHOOK_URL is required when TELEGRAM_MODE=webhook",
                "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z a-z 0-9 _ -");

        env.remove("TELEGRAM_WEBHOOK_SECRET");
        env.put("TELEGRAM_WEBHOOK_URL", "bot.example.org/hook");
        assertThat(problems(env)).containsExactlyInAnyOrder(
                "TELEGRAM_WEBHOOK_URL must be an https URL (Telegram calls webhooks over HTTPS only), was 'bot.example.org/hook'",
                "TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook");

        env.put("TELEGRAM_WEBHOOK_SECRET", "hook-secret_1");
        env.put("TELEGRAM_WEBHOOK_URL", "http://bot.example.org/hook");
        assertThat(problems(env)).containsExactly(
                "TELEGRAM_WEBHOOK_URL must be an https URL (Telegram calls webhooks over HTTPS only), was 'http://bot.example.org/hook'");
        env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org:8000/hook");
        assertThat(problems(env)).containsExactly(
                "TELEGRAM_WEBHOOK_URL must use port 443, 80, 88 or 8443 (the ones Telegram calls), was 8000");
        env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org:8443/hook");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).telegram().orElseThrow().webhookUrl())
                .contains(URI.create("https://bot.example.org:8443/hook"));
        env.remove("TELEGRAM_WEBHOOK_SECRET");

        env.put("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/hook");
        env.put("TELEGRAM_WEBHOOK_SECRET", "hook-secret_1");
        AppConfig config = valid(env, ConfigLoader.Purpose.BOT);
        assertThat(telegram(config).mode()).isEqualTo(TelegramConfig.Mode.WEBHOOK);
        assertThat(config.telegram().orElseThrow().webhookUrl()).contains(URI.create("https://bot.example.org/hook"));
    }

    @Test
    void s3_needs_its_endpoint_bucket_and_keys() {
        var env = minimal();
        env.put("STORAGE_BACKEND", "s3");
        assertThat(problems(env)).hasSize(4).allMatch(p -> p.startsWith("S3_"));

        env.put("S3_ENDPOINT", "http://127.0.0.1:9000");
        env.put("S3_BUCKET", "videos");
        env.put("S3_ACCESS_KEY", "access");
        env.put("S3_SECRET_KEY", "secret-key-value");
        assertThat(valid(env, ConfigLoader.Purpose.BOT).storage()).isInstanceOfSatisfying(AppConfig.S3Storage.class,
                s3 -> assertThat(s3.s3().region()).isEqualTo("us-east-1"));
    }

    @Test
    void decimal_poll_intervals_are_allowed() {
        var env = minimal();
        env.put("GROK_POLL_INTERVAL", "0.25");
        assertThat(grok(valid(env, ConfigLoader.Purpose.BOT)).pollInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void the_environment_wins_over_the_dot_env_file(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "GROK_API_KEY=from-file\nRATE_LIMIT_REQUESTS=3\nPORT=9000\n");
        var sources = ConfigSources.read(Map.of("PORT", "9100", "TELEGRAM_BOT_TOKEN", TOKEN), dir);

        AppConfig config = valid(new HashMap<>(sources.values()), ConfigLoader.Purpose.BOT);

        assertThat(grok(config).apiKey()).isEqualTo("from-file");
        assertThat(config.limits().rateLimitRequests()).isEqualTo(3);
        assertThat(config.server().port()).isEqualTo(9100);
        assertThat(sources.setInEnvironment("PORT")).isTrue();
        assertThat(sources.setInEnvironment("GROK_API_KEY")).isFalse();
        assertThat(sources.problems()).isEmpty();
    }

    @Test
    void lines_of_the_dot_env_file_it_cannot_read_are_problems_that_name_no_value(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "GROK_API_KEY=from-file\nexport TELEGRAM_BOT_TOKEN " + TOKEN + "\n");

        var sources = ConfigSources.read(Map.of(), dir);

        assertThat(sources.problems()).containsExactly(".env line 2: cannot read it (expected NAME=value)");
        assertThat(sources.values()).containsEntry("GROK_API_KEY", "from-file").doesNotContainKey("TELEGRAM_BOT_TOKEN");
    }

    @Test
    void a_dot_env_file_that_is_not_utf8_is_a_problem(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(".env"), new byte[] {'A', '=', (byte) 0xC3, (byte) 0x28, '\n'});

        assertThat(ConfigSources.read(Map.of(), dir).problems()).containsExactly(".env is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void the_description_shows_the_defaults_the_records_filled_in() {
        var lines = ConfigLoader.describe(valid(minimal(), ConfigLoader.Purpose.BOT));

        assertThat(lines).contains("VIDEO_PROVIDER=grok", "GROK_API_URL=https://api.x.ai/v1", "GROK_POLL_INTERVAL=1",
                "GROK_GENERATION_TIMEOUT=600", "GROK_REQUESTS_PER_SECOND=10", "VIDEO_DURATION=6", "VIDEO_RESOLUTION=480p",
                "MAX_CONCURRENT_GENERATIONS=4", "TELEGRAM_MODE=polling", "TELEGRAM_API_URL=https://api.telegram.org",
                "STORAGE_BACKEND=local", "STORAGE_PATH=" + Path.of("storage").toAbsolutePath(), "RATE_LIMIT_PERIOD=3600",
                "PORT=8000", "LOG_LEVEL=INFO");
        assertThat(lines).isSorted();
    }

    @Test
    void secrets_never_show_in_the_description_or_in_to_string() {
        AppConfig config = valid(withS3AndWebhook(), ConfigLoader.Purpose.BOT);
        var lines = ConfigLoader.describe(config);

        assertThat(String.join("\n", lines)).doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain("s3-super-secret")
                .doesNotContain("s3-access-key-id").doesNotContain("webhook-secret-value").doesNotContain("redis-secret-value")
                .contains("TELEGRAM_BOT_TOKEN=****").contains("REDIS_PASSWORD=****").contains("S3_SECRET_KEY=****")
                .contains("TELEGRAM_WEBHOOK_SECRET=****").contains("GROK_API_URL=https://api.x.ai/v1")
                .doesNotContain("db-pass-never-shown").contains("DATABASE_URL=postgresql://kisscam:****@db.example:5432/kisscam");
        assertThat(config.toString()).doesNotContain(TOKEN).doesNotContain(KEY).doesNotContain("s3-super-secret")
                .doesNotContain("webhook-secret-value").doesNotContain("db-pass-never-shown").doesNotContain("redis-secret-value");
        assertThat(ConfigLoader.secrets(config)).contains(TOKEN, KEY, "s3-access-key-id", "s3-super-secret",
                "webhook-secret-value", "db-pass-never-shown", "redis-secret-value");
    }

    @Test
    void no_problem_quotes_a_secret() {
        var secrets = Map.of(
                "TELEGRAM_BOT_TOKEN", "not a token 1111",
                "TELEGRAM_WEBHOOK_SECRET", "not/a/secret 2222",
                "GROK_API_KEY", "any key 3333",
                "GROK_USER_HASH_SECRET", "any hash secret 4444",
                "S3_ACCESS_KEY", "access 5555",
                "S3_SECRET_KEY", "secret 6666",
                "DATABASE_URL", "postgresql://bot:bad pass 7777@db/kisscam");
        var env = new HashMap<>(secrets);
        env.put("TELEGRAM_MODE", "webhook");
        env.put("STORAGE_BACKEND", "s3");
        env.put("S3_ENDPOINT", "s3.example.com");
        env.put("VIDEO_DURATION", "99");

        List<String> problems = problems(env);

        assertThat(problems).anyMatch(p -> p.startsWith("TELEGRAM_BOT_TOKEN does not look like a bot token"))
                .anyMatch(p -> p.startsWith("TELEGRAM_WEBHOOK_SECRET must be"));
        for (String secret : secrets.values()) {
            assertThat(problems).as(secret).noneMatch(problem -> problem.contains(secret)
                    || problem.contains(secret.substring(secret.length() - 4)));
        }
    }

    @Test
    void the_example_file_documents_every_variable_the_loader_reads() throws Exception {
        String example = Files.readString(Path.of("..", ".env.example"));
        var documented = example.lines().filter(l -> l.matches("[A-Z0-9_]+=.*")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());

        assertThat(documented).containsExactlyInAnyOrderElementsOf(ConfigLoader.VARIABLES);
        assertThat(ConfigLoader.VARIABLES).containsAll(ConfigLoader.SECRETS);
    }

    @Test
    void the_description_shows_every_documented_variable_in_use_and_no_other(@TempDir Path logs) {
        var env = withS3AndWebhook();
        env.put("LOG_FILE", logs.resolve("kisscam.log").toString());
        env.put("ADMIN_TOKEN", "an-admin-token-of-some-length");
        env.put("SENTRY_DSN", "https://public-key@sentry.example.org/42");

        var described = ConfigLoader.describe(valid(env, ConfigLoader.Purpose.BOT)).stream()
                .map(line -> line.substring(0, line.indexOf('='))).collect(Collectors.toSet());

        assertThat(described).containsExactlyInAnyOrderElementsOf(ConfigLoader.VARIABLES);
    }

    @Test
    void a_log_file_that_cannot_be_written_is_a_problem_not_a_silent_loss(@TempDir Path dir) throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.createDirectory(dir.resolve("a-directory"));
        Files.writeString(dir.resolve("plain-file"), "not a directory");
        assertThat(readOnly.toFile().setWritable(false)).isTrue();
        // root may write anywhere, so a read-only directory stops only other users.
        boolean permissionsHold = !Files.isWritable(readOnly);
        try {
            var shapes = permissionsHold ? List.of("read-only/kisscam.log", "a-directory", "plain-file/kisscam.log")
                    : List.of("a-directory", "plain-file/kisscam.log");
            for (var shape : shapes) {
                var env = minimal();
                env.put("LOG_FILE", dir.resolve(shape).toString());
                List<String> found = problems(env);
                assertThat(found).as(shape).hasSize(1).first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                        .startsWith("LOG_FILE ").contains(dir.resolve(shape).toString());
            }
            var fine = minimal();
            fine.put("LOG_FILE", dir.resolve("new/sub/dir/kisscam.log").toString());
            assertThat(valid(fine, ConfigLoader.Purpose.BOT).logging().file()).contains(dir.resolve("new/sub/dir/kisscam.log"));
        } finally {
            readOnly.toFile().setWritable(true);
        }
    }

    // ---- video model, pacing, two photos, styles ----

    @Test
    void submissions_two_photos_and_audio_have_defaults_and_are_read() {
        AppConfig defaults = valid(minimal(), ConfigLoader.Purpose.BOT);
        var env = minimal();
        env.put("GROK_SUBMITS_PER_SECOND", "3");
        env.put("GROK_TWO_PHOTO_MODE", "Collage");
        env.put("GROK_GENERATE_AUDIO", "FALSE");
        AppConfig set = valid(env, ConfigLoader.Purpose.BOT);

        assertThat(grok(defaults).submitsPerSecond()).isEqualTo(1);
        assertThat(grok(defaults).twoPhotoMode()).isEqualTo(GrokConfig.TwoPhotoMode.REFERENCE);
        assertThat(grok(defaults).generateAudio()).isTrue();
        assertThat(ConfigLoader.describe(defaults)).contains("GROK_SUBMITS_PER_SECOND=1", "GROK_TWO_PHOTO_MODE=reference",
                "GROK_GENERATE_AUDIO=true");
        assertThat(grok(set).submitsPerSecond()).isEqualTo(3);
        assertThat(grok(set).twoPhotoMode()).isEqualTo(GrokConfig.TwoPhotoMode.COLLAGE);
        assertThat(grok(set).generateAudio()).isFalse();
        assertThat(ConfigLoader.describe(set)).contains("GROK_TWO_PHOTO_MODE=collage", "GROK_GENERATE_AUDIO=false");
    }

    @Test
    void a_two_photo_mode_audio_switch_or_submission_rate_out_of_range_is_a_problem() {
        var env = minimal();
        env.put("GROK_TWO_PHOTO_MODE", "mosaic");
        env.put("GROK_GENERATE_AUDIO", "yes");
        env.put("GROK_SUBMITS_PER_SECOND", "0");

        assertThat(problems(env)).containsExactlyInAnyOrder(
                "GROK_TWO_PHOTO_MODE must be one of reference, collage, was 'mosaic'",
                "GROK_GENERATE_AUDIO must be one of true, false, was 'yes'",
                "GROK_SUBMITS_PER_SECOND must be between 1 and 100000, was 0");
    }

    @Test
    void a_resolution_the_model_lacks_or_an_unknown_model_stops_the_start_with_a_clear_problem() {
        var env = minimal();
        env.put("VIDEO_RESOLUTION", "1080p");
        assertThat(problems(env)).containsExactly("VIDEO_RESOLUTION=1080p is not offered by"
                + " GROK_VIDEO_MODEL=grok-imagine-video, which offers 480p, 720p; choose one of those or a model that"
                + " offers 1080p");

        env.put("GROK_VIDEO_MODEL", "grok-imagine-video-1.5");
        assertThat(grok(valid(env, ConfigLoader.Purpose.BOT)).resolution()).isEqualTo("1080p");

        env.put("GROK_VIDEO_MODEL", "grok-imagine-video-beta");
        assertThat(problems(env)).singleElement().asString().startsWith("GROK_VIDEO_MODEL must be one of "
                + "grok-imagine-video, grok-imagine-video-1.5, grok-imagine-video-1.5-lite, was 'grok-imagine-video-beta'");
    }

    @Test
    void without_a_styles_file_the_styles_are_the_built_in_ones_and_the_frontends_label_them() {
        AppConfig config = valid(minimal(), ConfigLoader.Purpose.BOT);

        assertThat(config.core().styles()).isEqualTo(KisscamSettings.STYLES);
        assertThat(config.stylesFile()).isEmpty();
        assertThat(config.styleLabels()).isEmpty();
    }

    @Test
    void a_styles_file_adds_styles_after_the_built_in_ones_with_prompts_for_the_provider_and_labels_for_the_frontends(
            @TempDir Path dir) throws Exception {
        Path file = dir.resolve("styles.properties");
        Files.writeString(file, """
                # a new style, and other words for a built-in one
                beach.prompt = a kiss on a beach at night, waves in the moonlight
                beach.label.en = On the beach
                beach.label.ru = На пляже
                aurora.prompt = a kiss under the northern lights
                gentle.label.en = Tender
                rain.prompt = a kiss in a summer downpour
                """);
        var env = minimal();
        env.put("STYLES_FILE", file.toString());

        AppConfig config = valid(env, ConfigLoader.Purpose.BOT);

        assertThat(config.core().styles().subList(0, KisscamSettings.STYLES.size())).isEqualTo(KisscamSettings.STYLES);
        assertThat(config.core().styles().subList(KisscamSettings.STYLES.size(), config.core().styles().size()))
                .containsExactly(new VideoStyle("aurora"), new VideoStyle("beach"));
        assertThat(config.core().defaultStyle()).isEqualTo(VideoStyle.GENTLE);
        assertThat(grok(config).stylePrompts()).containsEntry("beach", "a kiss on a beach at night, waves in the moonlight")
                .containsEntry("rain", "a kiss in a summer downpour").containsKey("gentle");
        assertThat(config.styleLabels().get(new VideoStyle("beach"))).containsEntry("en", "On the beach")
                .containsEntry("ru", "На пляже");
        assertThat(config.styleLabels().get(new VideoStyle("aurora"))).as("no labels: the id")
                .containsEntry("en", "aurora").containsEntry("ru", "aurora");
        assertThat(config.styleLabels().get(VideoStyle.GENTLE)).as("relabelled in English only")
                .containsExactlyEntriesOf(Map.of("en", "Tender"));
        assertThat(config.styleLabels()).as("in the core's order, built-in relabelled first")
                .containsOnlyKeys(VideoStyle.GENTLE, new VideoStyle("aurora"), new VideoStyle("beach"));
        assertThat(config.styleLabels().keySet()).first().isEqualTo(VideoStyle.GENTLE);
        assertThat(ConfigLoader.describe(config)).anyMatch(line -> line.startsWith("STYLES_FILE=" + file)
                && line.contains("beach"));
    }

    @Test
    void a_styles_file_with_problems_is_a_configuration_problem_naming_the_file_and_key(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("styles.properties");
        Files.writeString(file, """
                beach.prompt = on a beach
                beach.colour = blue
                Night-Walk.prompt = a walk at night
                picnic.label.en = Picnic
                default.prompt = anything
                """);
        var env = minimal();
        env.put("STYLES_FILE", file.toString());

        assertThat(problems(env)).containsExactlyInAnyOrder(
                "STYLES_FILE " + file + ": unknown key 'beach.colour'; the keys are <id>.prompt, <id>.label.en and"
                        + " <id>.label.ru",
                "STYLES_FILE " + file + ", key 'Night-Walk.prompt': the style id 'Night-Walk' must be 1 to 32 lower-case"
                        + " letters, digits or dashes",
                "STYLES_FILE " + file + ": the style 'picnic' has no 'picnic.prompt'",
                "STYLES_FILE " + file + ", key 'default.prompt': the style id 'default' is reserved: it stands for the"
                        + " first style");
    }

    @Test
    void a_styles_file_that_cannot_be_read_is_a_problem_not_a_crash(@TempDir Path dir) {
        var env = minimal();
        env.put("STYLES_FILE", dir.resolve("missing.properties").toString());

        assertThat(problems(env)).singleElement().asString()
                .startsWith("STYLES_FILE " + dir.resolve("missing.properties") + " cannot be read: NoSuchFileException");
    }

    // ---- Redis, shared by several instances ----

    private static Map<String, String> minimalWith(String... pairs) {
        var env = minimal();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static RedisConfig redis(AppConfig config) {
        return switch (config.shared()) {
            case AppConfig.Shared.Redis redis -> redis.config();
            case AppConfig.Shared.Nothing nothing -> throw new AssertionError("Redis was expected to be configured");
        };
    }

    @Test
    void without_redis_this_instance_shares_nothing_and_says_nothing_about_it() {
        AppConfig config = valid(minimal(), ConfigLoader.Purpose.BOT);

        assertThat(config.shared()).isInstanceOf(AppConfig.Shared.Nothing.class);
        assertThat(ConfigLoader.describe(config)).noneMatch(line -> line.startsWith("REDIS_"));
    }

    @Test
    void redis_from_a_url_shows_where_it_is_and_masks_the_password_wherever_it_goes() {
        var env = minimal();
        env.put("REDIS_URL", "redis://:redis-url-secret@cache.internal:6380/3");

        AppConfig config = valid(env, ConfigLoader.Purpose.BOT);

        assertThat(redis(config).host()).isEqualTo("cache.internal");
        assertThat(redis(config).port()).isEqualTo(6380);
        assertThat(redis(config).database()).isEqualTo(3);
        assertThat(redis(config).password()).contains("redis-url-secret");
        assertThat(ConfigLoader.describe(config)).contains("REDIS_URL=redis://cache.internal:6380/3",
                "REDIS_HOST=cache.internal", "REDIS_PORT=6380", "REDIS_DB=3", "REDIS_PASSWORD=****et");
        assertThat(String.join("\n", ConfigLoader.describe(config))).doesNotContain("redis-url-secret");
        assertThat(config.toString()).doesNotContain("redis-url-secret");
        assertThat(ConfigLoader.secrets(config)).contains("redis-url-secret");
    }

    @Test
    void redis_by_its_host_has_the_default_port_and_database() {
        var env = minimal();
        env.put("REDIS_HOST", "10.0.0.7");

        RedisConfig redis = redis(valid(env, ConfigLoader.Purpose.BOT));

        assertThat(redis.address()).isEqualTo("redis://10.0.0.7:6379");
        assertThat(redis.database()).isZero();
        assertThat(redis.password()).isEmpty();
    }

    @Test
    void redis_set_up_twice_or_by_halves_is_a_problem_that_never_quotes_the_password() {
        var both = minimalWith("REDIS_URL", "redis://cache:6379/0", "REDIS_DB", "2");
        var portOnly = minimalWith("REDIS_PORT", "6380");
        var passwordOnly = minimalWith("REDIS_PASSWORD", "lonely-secret");
        var twoPasswords = minimalWith("REDIS_URL", "redis://:first-secret@cache/0", "REDIS_PASSWORD", "second-secret");
        var badUrl = minimalWith("REDIS_URL", "http://:url-secret@cache/zero");
        var badNumbers = minimalWith("REDIS_HOST", "cache", "REDIS_PORT", "70000", "REDIS_DB", "-1");

        assertThat(problems(both)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("either REDIS_URL or REDIS_HOST");
        assertThat(problems(portOnly)).containsExactly("REDIS_HOST is required when REDIS_PORT or REDIS_DB is set");
        assertThat(problems(passwordOnly)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("REDIS_PASSWORD is set but no Redis is").doesNotContain("lonely-secret");
        assertThat(problems(twoPasswords)).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("keep one").doesNotContain("first-secret").doesNotContain("second-secret");
        assertThat(problems(badUrl)).hasSize(2).allMatch(p -> p.startsWith("REDIS_URL") && !p.contains("url-secret"));
        assertThat(problems(badNumbers)).hasSize(2).anyMatch(p -> p.startsWith("REDIS_PORT"))
                .anyMatch(p -> p.startsWith("REDIS_DB"));
    }
}
