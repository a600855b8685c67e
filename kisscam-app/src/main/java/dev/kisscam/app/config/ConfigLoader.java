package dev.kisscam.app.config;

import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.storage.S3StorageConfig;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.core.domain.InvalidConfiguration;
import dev.kisscam.core.service.KisscamSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the configuration from the environment, then a {@code .env} file, into each adapter's configuration
 * record, and reports every problem at once: an operator sees them all in one run, not one per restart. The
 * records hold the defaults and the rules of their settings; this class only parses what is set and hands it
 * over, and defines the few settings no adapter owns.
 */
public final class ConfigLoader {

    /** What the configuration is for: the bot needs Telegram, the command line does not. */
    public enum Purpose { BOT, COMMAND_LINE }

    public sealed interface Loaded {
    }

    public record Valid(AppConfig config) implements Loaded {
    }

    public record Invalid(List<String> problems) implements Loaded {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    // The settings only the program has; the adapters' records name their own.
    static final String TELEGRAM_MODE = "TELEGRAM_MODE";
    static final String TELEGRAM_WEBHOOK_URL = "TELEGRAM_WEBHOOK_URL";
    static final String VIDEO_PROVIDER = "VIDEO_PROVIDER";
    static final String STORAGE_BACKEND = "STORAGE_BACKEND";
    static final String RATE_LIMIT_REQUESTS = "RATE_LIMIT_REQUESTS";
    static final String RATE_LIMIT_PERIOD = "RATE_LIMIT_PERIOD";
    static final String REFUSED_PHOTOS_LIMIT = "REFUSED_PHOTOS_LIMIT";
    static final String LOG_LEVEL = "LOG_LEVEL";
    static final String LOG_FILE = "LOG_FILE";
    static final String HOST = "HOST";
    static final String PORT = "PORT";
    static final String ADMIN_TOKEN = "ADMIN_TOKEN";
    static final String ADMIN_PORT = "ADMIN_PORT";
    static final String SENTRY_DSN = "SENTRY_DSN";
    static final String SPEND_ALERT_USD = "SPEND_ALERT_USD";

    // The words that choose between adapters or modes.
    static final String POLLING = "polling";
    static final String WEBHOOK = "webhook";
    static final String GROK = "grok";
    static final String LOCAL = "local";
    static final String S3 = "s3";
    static final String TRUE = "true";
    static final String FALSE = "false";

    private static final Set<Integer> WEBHOOK_PORTS = Set.of(443, 80, 88, 8443);

    /** Every variable the program reads, each documented in .env.example. */
    static final Set<String> VARIABLES = Set.of(
            TelegramConfig.TELEGRAM_BOT_TOKEN, TelegramConfig.TELEGRAM_API_URL, TELEGRAM_MODE, TELEGRAM_WEBHOOK_URL,
            TelegramConfig.TELEGRAM_WEBHOOK_SECRET,
            VIDEO_PROVIDER, GrokConfig.GROK_API_KEY, GrokConfig.GROK_API_URL, GrokConfig.GROK_VIDEO_MODEL,
            GrokConfig.GROK_VISION_MODEL, GrokConfig.GROK_POLL_INTERVAL, GrokConfig.GROK_GENERATION_TIMEOUT,
            GrokConfig.GROK_REQUESTS_PER_SECOND, GrokConfig.GROK_SUBMITS_PER_SECOND, GrokConfig.GROK_TWO_PHOTO_MODE,
            GrokConfig.GROK_GENERATE_AUDIO, GrokConfig.GROK_USER_HASH_SECRET, GrokConfig.VIDEO_DURATION,
            GrokConfig.VIDEO_RESOLUTION, StylesFile.STYLES_FILE,
            KisscamSettings.MAX_CONCURRENT_GENERATIONS, RATE_LIMIT_REQUESTS, RATE_LIMIT_PERIOD, REFUSED_PHOTOS_LIMIT,
            KisscamSettings.REPEAT_CACHE_WINDOW,
            SqlConfig.DATABASE_URL, STORAGE_BACKEND, LocalStorageConfig.STORAGE_PATH, LocalStorageConfig.TEMP_STORAGE_PATH,
            S3StorageConfig.S3_ENDPOINT, S3StorageConfig.S3_BUCKET, S3StorageConfig.S3_ACCESS_KEY,
            S3StorageConfig.S3_SECRET_KEY, S3StorageConfig.S3_REGION,
            LOG_LEVEL, LOG_FILE, HOST, PORT, ADMIN_TOKEN, ADMIN_PORT, SENTRY_DSN, SPEND_ALERT_USD,
            KisscamSettings.DAILY_SPEND_LIMIT_USD,
            RedisConfig.REDIS_URL, RedisConfig.REDIS_HOST, RedisConfig.REDIS_PORT, RedisConfig.REDIS_DB,
            RedisConfig.REDIS_PASSWORD);

    /**
     * The variables whose values are never shown. DATABASE_URL is not one: only its password is secret, and it
     * is shown with the password masked ({@link SqlConfig#location()}), while {@link #secrets} masks the password
     * itself in every log line.
     */
    static final Set<String> SECRETS = Set.of(TelegramConfig.TELEGRAM_BOT_TOKEN, TelegramConfig.TELEGRAM_WEBHOOK_SECRET,
            GrokConfig.GROK_API_KEY, GrokConfig.GROK_USER_HASH_SECRET, S3StorageConfig.S3_ACCESS_KEY,
            S3StorageConfig.S3_SECRET_KEY, ADMIN_TOKEN, SENTRY_DSN, RedisConfig.REDIS_PASSWORD);

    private final VariableReader reader;

    private ConfigLoader(Map<String, String> values) {
        this.reader = new VariableReader(values, VARIABLES);
    }

    public static Loaded load(Map<String, String> values, Purpose purpose) {
        return new ConfigLoader(values).read(purpose);
    }

    /** The effective configuration, defaults included, one NAME=value per line; secrets masked. */
    public static List<String> describe(AppConfig config) {
        return EffectiveConfiguration.of(config).describe(SECRETS);
    }

    /** The value of every secret in {@code config}, so that a log can mask them wherever they turn up. */
    public static List<String> secrets(AppConfig config) {
        var secrets = new ArrayList<>(EffectiveConfiguration.of(config).valuesOf(SECRETS));
        config.database().password().ifPresent(secrets::add);
        return secrets;
    }

    private Loaded read(Purpose purpose) {
        Optional<AppConfig.Telegram> telegram = purpose == Purpose.BOT ? telegram() : Optional.empty();
        Optional<Path> stylesFile = reader.path(StylesFile.STYLES_FILE);
        StylesFile.Styles styles = stylesFile.map(this::styles).orElse(StylesFile.Styles.NONE);
        Optional<AppConfig.Provider> provider = provider(styles);
        Optional<AppConfig.Storage> storage = storage();
        Optional<SqlConfig> database = storage.flatMap(this::database);
        if (purpose == Purpose.BOT) {
            database.ifPresent(records -> storage.ifPresent(media -> sharedRecordsNeedSharedMedia(records, media)));
        }
        Optional<KisscamSettings> core = core(styles).map(settings -> withDailySpendLimit(settings, provider));
        core.ifPresent(settings -> provider.ifPresent(chosen -> everyStyleWorded(settings, chosen)));
        var limits = limits();
        var server = server();
        var logging = logging();
        var operations = operations(server);
        var shared = shared();
        provider.ifPresent(chosen -> shared.ifPresent(sharing -> sharedPaceFits(chosen, sharing)));
        if (!reader.problems().isEmpty()) {
            return new Invalid(reader.problems());
        }
        return new Valid(new AppConfig(telegram, provider.orElseThrow(), storage.orElseThrow(), database.orElseThrow(),
                core.orElseThrow(), limits, server, logging, stylesFile, styles.labelsOf(core.orElseThrow().styles()),
                operations, shared.orElseThrow()));
    }

    private StylesFile.Styles styles(Path file) {
        var problems = new ArrayList<String>();
        StylesFile.Styles styles = StylesFile.read(file, problems);
        problems.forEach(reader::problem);
        return styles;
    }

    /** A style the provider cannot put into words could be chosen but never made: refuse it at start. */
    private void everyStyleWorded(KisscamSettings core, AppConfig.Provider provider) {
        switch (provider) {
            case AppConfig.Provider.Grok(GrokConfig grok) -> core.styles().stream()
                    .filter(style -> !grok.wordsStyle(style.id()))
                    .forEach(style -> reader.problem("the style '" + style.id() + "' has no prompt in the Grok adapter's"
                            + " style table; add '" + style.id() + ".prompt' to " + StylesFile.STYLES_FILE));
        }
    }

    private Optional<AppConfig.Telegram> telegram() {
        Optional<TelegramConfig.Mode> mode = choose(TELEGRAM_MODE, List.of(
                new Option<>(POLLING, () -> Optional.of(TelegramConfig.Mode.LONG_POLLING)),
                new Option<>(WEBHOOK, () -> Optional.of(TelegramConfig.Mode.WEBHOOK))));
        Optional<URI> webhookUrl = webhookUrl(mode.orElse(TelegramConfig.Mode.LONG_POLLING));
        Optional<TelegramConfig> config = accepted(() -> TelegramConfig.of(
                reader.text(TelegramConfig.TELEGRAM_BOT_TOKEN).orElse(null),
                reader.url(TelegramConfig.TELEGRAM_API_URL).orElse(TelegramConfig.DEFAULT_API_URL),
                mode.orElse(TelegramConfig.Mode.LONG_POLLING),
                reader.text(TelegramConfig.TELEGRAM_WEBHOOK_SECRET)));
        return config.map(telegram -> new AppConfig.Telegram(telegram, webhookUrl));
    }

    /** Where Telegram calls us: only the program serves it, so only the program checks it. */
    private Optional<URI> webhookUrl(TelegramConfig.Mode mode) {
        // Telegram calls webhooks over HTTPS only, and on these ports only.
        Optional<URI> url = reader.url(TELEGRAM_WEBHOOK_URL).filter(u -> {
            if (!"https".equals(u.getScheme()) || u.getHost() == null) {
                reader.problem(TELEGRAM_WEBHOOK_URL + " must be an https URL (Telegram calls webhooks over HTTPS only), was '"
                        + u + "'");
                return false;
            }
            if (u.getPort() != -1 && !WEBHOOK_PORTS.contains(u.getPort())) {
                reader.problem(TELEGRAM_WEBHOOK_URL + " must use port 443, 80, 88 or 8443 (the ones Telegram calls), was "
                        + u.getPort());
                return false;
            }
            return true;
        });
        if (mode == TelegramConfig.Mode.WEBHOOK && reader.text(TELEGRAM_WEBHOOK_URL).isEmpty()) {
            reader.problem(TELEGRAM_WEBHOOK_URL + " is required when " + TELEGRAM_MODE + "=" + WEBHOOK);
        }
        return url;
    }

    private Optional<AppConfig.Provider> provider(StylesFile.Styles styles) {
        return choose(VIDEO_PROVIDER, List.of(new Option<>(GROK, () -> grok(styles).map(AppConfig.Provider.Grok::new))));
    }

    private Optional<GrokConfig> grok(StylesFile.Styles styles) {
        var grok = GrokConfig.builder(reader.text(GrokConfig.GROK_API_KEY).orElse(null));
        reader.url(GrokConfig.GROK_API_URL).ifPresent(grok::baseUrl);
        reader.text(GrokConfig.GROK_USER_HASH_SECRET).ifPresent(grok::userHashSecret);
        reader.text(GrokConfig.GROK_VIDEO_MODEL).ifPresent(grok::videoModel);
        reader.text(GrokConfig.GROK_VISION_MODEL).ifPresent(grok::visionModel);
        reader.seconds(GrokConfig.GROK_POLL_INTERVAL).ifPresent(grok::pollInterval);
        reader.seconds(GrokConfig.GROK_GENERATION_TIMEOUT).ifPresent(grok::generationTimeout);
        reader.integer(GrokConfig.GROK_REQUESTS_PER_SECOND).ifPresent(grok::requestsPerSecond);
        reader.integer(GrokConfig.GROK_SUBMITS_PER_SECOND).ifPresent(grok::submitsPerSecond);
        choose(GrokConfig.GROK_TWO_PHOTO_MODE, Arrays.stream(GrokConfig.TwoPhotoMode.values())
                .map(mode -> new Option<>(mode.word(), () -> Optional.of(mode))).toList()).ifPresent(grok::twoPhotoMode);
        reader.oneOf(GrokConfig.GROK_GENERATE_AUDIO, List.of(TRUE, FALSE), TRUE)
                .ifPresent(word -> grok.generateAudio(word.equals(TRUE)));
        styles.prompts().forEach(grok::stylePrompt);
        reader.integer(GrokConfig.VIDEO_DURATION).ifPresent(grok::durationSeconds);
        reader.text(GrokConfig.VIDEO_RESOLUTION).map(word -> word.toLowerCase(Locale.ROOT)).ifPresent(grok::resolution);
        return accepted(grok::build);
    }

    private Optional<AppConfig.Storage> storage() {
        return choose(STORAGE_BACKEND, List.of(
                new Option<>(LOCAL, () -> localFiles().map(AppConfig.LocalStorage::new)),
                new Option<>(S3, this::s3Storage)));
    }

    private Optional<AppConfig.Storage> s3Storage() {
        Optional<LocalStorageConfig> files = localFiles();
        Optional<S3StorageConfig> bucket = accepted(() -> S3StorageConfig.of(
                reader.text(S3StorageConfig.S3_ENDPOINT).orElse(null),
                reader.text(S3StorageConfig.S3_BUCKET).orElse(null),
                reader.text(S3StorageConfig.S3_ACCESS_KEY).orElse(null),
                reader.text(S3StorageConfig.S3_SECRET_KEY).orElse(null),
                reader.text(S3StorageConfig.S3_REGION).orElse(S3StorageConfig.DEFAULT_REGION)));
        return bucket.flatMap(s3 -> files.map(local -> new AppConfig.S3Storage(s3, local)));
    }

    /**
     * Redis spaces shared submissions at least a millisecond apart: a faster pace would pass here and stop the start
     * with an error that names no setting.
     */
    private void sharedPaceFits(AppConfig.Provider provider, AppConfig.Shared shared) {
        if (shared instanceof AppConfig.Shared.Redis) {
            switch (provider) {
                case AppConfig.Provider.Grok(GrokConfig grok) -> {
                    if (grok.submitsPerSecond() > MAX_SHARED_SUBMITS_PER_SECOND) {
                        reader.problem(GrokConfig.GROK_SUBMITS_PER_SECOND + " must be at most "
                                + MAX_SHARED_SUBMITS_PER_SECOND + " with Redis (submissions are spaced at least 1 ms"
                                + " apart across instances), was " + grok.submitsPerSecond());
                    }
                }
            }
        }
    }

    static final int MAX_SHARED_SUBMITS_PER_SECOND = 1000;

    /**
     * A database several instances share, with media on one machine's disk: a job queued by one instance would be
     * claimed by another that cannot read its photos. Refused rather than failing job by job.
     */
    private void sharedRecordsNeedSharedMedia(SqlConfig records, AppConfig.Storage media) {
        if (records.dialect() == SqlConfig.Dialect.POSTGRESQL && media instanceof AppConfig.LocalStorage) {
            reader.problem(SqlConfig.DATABASE_URL + " is a PostgreSQL database that several instances share, but "
                    + STORAGE_BACKEND + "=" + LOCAL + " keeps photos and videos on this machine's disk, where the"
                    + " other instances cannot read them: set " + STORAGE_BACKEND + "=" + S3 + " (with "
                    + S3StorageConfig.S3_ENDPOINT + " and the other S3_ settings), or keep one instance on SQLite");
        }
    }

    /** DATABASE_URL, or SQLite under STORAGE_PATH. */
    private Optional<SqlConfig> database(AppConfig.Storage storage) {
        Optional<String> url = reader.text(SqlConfig.DATABASE_URL);
        return accepted(() -> url.map(SqlConfig::of).orElseGet(() -> SqlConfig.under(storage.local().storagePath())));
    }

    private Optional<LocalStorageConfig> localFiles() {
        Path path = reader.path(LocalStorageConfig.STORAGE_PATH).orElse(LocalStorageConfig.DEFAULT_STORAGE_PATH);
        Optional<Path> temp = reader.path(LocalStorageConfig.TEMP_STORAGE_PATH);
        return accepted(() -> {
            LocalStorageConfig underPath = LocalStorageConfig.at(path);
            return temp.map(underPath::withTempPath).orElse(underPath);
        });
    }

    private Optional<KisscamSettings> core(StylesFile.Styles styles) {
        Optional<Integer> generations = reader.integer(KisscamSettings.MAX_CONCURRENT_GENERATIONS);
        Optional<Duration> repeatWindow = reader.seconds(KisscamSettings.REPEAT_CACHE_WINDOW);
        return accepted(() -> {
            KisscamSettings settings = KisscamSettings.defaults().withStyles(styles.choice());
            settings = generations.map(settings::withMaxConcurrentGenerations).orElse(settings);
            return repeatWindow.map(settings::withRepeatWindow).orElse(settings);
        });
    }

    private AppConfig.Limits limits() {
        return new AppConfig.Limits(
                reader.integer(RATE_LIMIT_REQUESTS, 1, 1_000_000).orElse(10),
                Duration.ofSeconds(reader.integer(RATE_LIMIT_PERIOD, 1, Integer.MAX_VALUE).orElse(3600)),
                reader.integer(REFUSED_PHOTOS_LIMIT, 1, 1_000_000).orElse(30));
    }

    private AppConfig.Server server() {
        return new AppConfig.Server(reader.text(HOST).orElse("0.0.0.0"), reader.integer(PORT, 0, 65_535).orElse(8000));
    }

    private AppConfig.Logging logging() {
        Optional<Path> file = reader.path(LOG_FILE);
        file.flatMap(WritableFile::problem).ifPresent(problem -> reader.problem(LOG_FILE + " " + problem));
        return new AppConfig.Logging(
                reader.oneOf(LOG_LEVEL, List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"), "INFO").orElse("INFO"),
                file);
    }

    /**
     * Redis when REDIS_URL or REDIS_HOST is set (one form or the other, not both), nothing shared otherwise. A password
     * may come in REDIS_URL or in REDIS_PASSWORD, not in both.
     */
    private Optional<AppConfig.Shared> shared() {
        Optional<String> url = reader.text(RedisConfig.REDIS_URL);
        Optional<String> host = reader.text(RedisConfig.REDIS_HOST);
        Optional<Integer> port = reader.integer(RedisConfig.REDIS_PORT);
        Optional<Integer> database = reader.integer(RedisConfig.REDIS_DB);
        Optional<String> password = reader.text(RedisConfig.REDIS_PASSWORD);
        boolean hostForm = host.isPresent() || port.isPresent() || database.isPresent();
        if (url.isPresent() && hostForm) {
            reader.problem("set either " + RedisConfig.REDIS_URL + " or " + RedisConfig.REDIS_HOST + "/"
                    + RedisConfig.REDIS_PORT + "/" + RedisConfig.REDIS_DB + ", not both");
            return Optional.empty();
        }
        if (url.isPresent()) {
            return accepted(() -> RedisConfig.fromUrl(url.get())).flatMap(config -> {
                if (config.password().isPresent() && password.isPresent()) {
                    reader.problem("the Redis password is in " + RedisConfig.REDIS_URL + " and in "
                            + RedisConfig.REDIS_PASSWORD + "; keep one");
                    return Optional.empty();
                }
                return Optional.of(new AppConfig.Shared.Redis(password.isEmpty() ? config : new RedisConfig(
                        config.host(), config.port(), config.database(), config.username(), password, config.tls(),
                        config.keyPrefix(), config.leaderLease())));
            });
        }
        if (hostForm) {
            if (host.isEmpty()) {
                reader.problem(RedisConfig.REDIS_HOST + " is required when " + RedisConfig.REDIS_PORT + " or "
                        + RedisConfig.REDIS_DB + " is set");
                return Optional.empty();
            }
            return accepted(() -> RedisConfig.of(host.get(), port.orElse(RedisConfig.DEFAULT_PORT), database.orElse(0),
                    password)).map(AppConfig.Shared.Redis::new);
        }
        if (password.isPresent()) {
            reader.problem(RedisConfig.REDIS_PASSWORD + " is set but no Redis is: set " + RedisConfig.REDIS_HOST
                    + " or " + RedisConfig.REDIS_URL);
            return Optional.empty();
        }
        return Optional.of(new AppConfig.Shared.Nothing());
    }

    /**
     * xAI's list price per second of the default model at 480p. It only counts the jobs in flight against the daily
     * budget until what they really cost is booked, so a rough figure errs only in how close to the budget the
     * last accepted job may come.
     */
    static final BigDecimal GROK_USD_PER_VIDEO_SECOND = new BigDecimal("0.05");

    private KisscamSettings withDailySpendLimit(KisscamSettings settings, Optional<AppConfig.Provider> provider) {
        Optional<BigDecimal> limit = reader.decimal(KisscamSettings.DAILY_SPEND_LIMIT_USD);
        if (limit.isEmpty() || limit.get().signum() == 0) {
            return settings;
        }
        if (limit.get().signum() < 0) {
            reader.problem(KisscamSettings.DAILY_SPEND_LIMIT_USD + " cannot be negative");
            return settings;
        }
        BigDecimal expectedUsd = provider.map(p -> switch (p) {
            case AppConfig.Provider.Grok grok -> GROK_USD_PER_VIDEO_SECOND.multiply(
                    BigDecimal.valueOf(grok.config().durationSeconds()));
        }).orElse(BigDecimal.ZERO);
        return settings.withDailySpendLimit(ticks(limit.get()), ticks(expectedUsd));
    }

    private static long ticks(BigDecimal usd) {
        return usd.multiply(BigDecimal.valueOf(dev.kisscam.core.domain.Spend.TICKS_PER_USD)).longValue();
    }

    private AppConfig.Operations operations(AppConfig.Server server) {
        Optional<String> token = reader.text(ADMIN_TOKEN);
        if (token.isPresent() && token.get().length() < 16) {
            reader.problem(ADMIN_TOKEN + " must have at least 16 characters");
        }
        int adminPort = reader.integer(ADMIN_PORT, 0, 65_535)
                .orElse(AppConfig.Operations.defaultAdminPort(server, token.isPresent()));
        var operations = new AppConfig.Operations(token, adminPort, reader.text(SENTRY_DSN),
                reader.decimal(SPEND_ALERT_USD).orElse(BigDecimal.ZERO));
        if (adminPort != 0 && adminPort == server.port() && !operations.sharesListener(server)) {
            reader.problem(ADMIN_PORT + " cannot be " + PORT + " on " + HOST + "=" + server.host() + " without "
                    + ADMIN_TOKEN + ": the admin routes then listen on 127.0.0.1 only and need a port of their own");
        }
        operations.sentryDsn().filter(dsn -> !dsn.startsWith("http://") && !dsn.startsWith("https://"))
                .ifPresent(dsn -> reader.problem(SENTRY_DSN + " must be an http(s) URL"));
        if (operations.spendAlertUsd().signum() < 0) {
            reader.problem(SPEND_ALERT_USD + " cannot be negative");
        }
        return operations;
    }

    /** A word an operator may set to choose, and how to read what it chooses. */
    private record Option<T>(String word, Supplier<Optional<T>> read) {
    }

    /** What the word set for {@code name} chooses; the first option when unset, nothing when no option fits. */
    private <T> Optional<T> choose(String name, List<Option<T>> options) {
        List<String> words = options.stream().map(Option::word).toList();
        return reader.oneOf(name, words, words.getFirst())
                .flatMap(word -> options.get(words.indexOf(word)).read().get());
    }

    /** The record {@code build} makes, or nothing once the rules it breaks are noted. */
    private <T> Optional<T> accepted(Supplier<T> build) {
        try {
            return Optional.of(build.get());
        } catch (InvalidConfiguration invalid) {
            return reader.refused(invalid.problems());
        }
    }
}
