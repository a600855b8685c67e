package dev.kisscam.app.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the configuration from the environment, then a {@code .env} file, then defaults, and validates all
 * of it at once: an operator sees every problem in one run, not one per restart.
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

    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("TELEGRAM_API_URL", "https://api.telegram.org"),
            Map.entry("TELEGRAM_MODE", "polling"),
            Map.entry("GROK_API_URL", "https://api.x.ai/v1"),
            Map.entry("GROK_VIDEO_MODEL", "grok-imagine-video"),
            Map.entry("GROK_VISION_MODEL", "grok-4.3"),
            Map.entry("GROK_POLL_INTERVAL", "1"),
            Map.entry("GROK_GENERATION_TIMEOUT", "600"),
            Map.entry("GROK_REQUESTS_PER_SECOND", "10"),
            Map.entry("VIDEO_DURATION", "6"),
            Map.entry("VIDEO_RESOLUTION", "480p"),
            Map.entry("MAX_CONCURRENT_GENERATIONS", "4"),
            Map.entry("STORAGE_BACKEND", "local"),
            Map.entry("STORAGE_PATH", "./storage"),
            Map.entry("S3_REGION", "us-east-1"),
            Map.entry("RATE_LIMIT_REQUESTS", "10"),
            Map.entry("RATE_LIMIT_PERIOD", "3600"),
            Map.entry("REPEAT_CACHE_WINDOW", "3600"),
            Map.entry("LOG_LEVEL", "INFO"),
            Map.entry("HOST", "0.0.0.0"),
            Map.entry("PORT", "8000"));

    static final Set<String> SECRETS = Set.of("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "GROK_API_KEY",
            "GROK_USER_HASH_SECRET", "S3_ACCESS_KEY", "S3_SECRET_KEY");

    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    private ConfigLoader() {
    }

    /** The environment over the {@code .env} file in {@code directory} (if there is one). */
    public static Map<String, String> sources(Map<String, String> environment, Path directory) {
        var merged = new HashMap<String, String>();
        if (Files.isRegularFile(directory.resolve(".env"))) {
            Dotenv dotenv = Dotenv.configure().directory(directory.toString()).filename(".env").load();
            for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        merged.putAll(environment);
        return merged;
    }

    public static Loaded load(Map<String, String> values, Purpose purpose) {
        var reader = new Reader(values);
        AppConfig config = reader.read(purpose);
        return reader.problems.isEmpty() ? new Valid(config) : new Invalid(reader.problems);
    }

    /** The effective configuration, one NAME=value per line, secrets masked. */
    public static List<String> describe(Map<String, String> values) {
        var names = new java.util.TreeSet<>(DEFAULTS.keySet());
        names.addAll(List.of("TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_URL", "TELEGRAM_WEBHOOK_SECRET", "GROK_API_KEY",
                "GROK_USER_HASH_SECRET", "TEMP_STORAGE_PATH", "S3_ENDPOINT", "S3_BUCKET", "S3_ACCESS_KEY", "S3_SECRET_KEY", "LOG_FILE"));
        var lines = new ArrayList<String>();
        for (String name : names) {
            String value = values.getOrDefault(name, DEFAULTS.get(name));
            if (value == null || value.isBlank()) {
                continue;
            }
            lines.add(name + "=" + (SECRETS.contains(name) ? new Secret(value).masked() : value));
        }
        return lines;
    }

    /** Reads typed values and collects every problem instead of stopping at the first. */
    private static final class Reader {
        private final Map<String, String> values;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        AppConfig read(Purpose purpose) {
            var telegram = telegram(purpose);
            var grok = new AppConfig.Grok(
                    required("GROK_API_KEY", "the xAI API key"),
                    url("GROK_API_URL"),
                    text("GROK_VIDEO_MODEL"),
                    text("GROK_VISION_MODEL"),
                    seconds("GROK_POLL_INTERVAL", false),
                    seconds("GROK_GENERATION_TIMEOUT", true),
                    integer("VIDEO_DURATION", 1, 15),
                    oneOf("VIDEO_RESOLUTION", List.of("480p", "720p", "1080p")),
                    optional("GROK_USER_HASH_SECRET").map(Secret::new),
                    integer("GROK_REQUESTS_PER_SECOND", 1, 100_000));
            if (grok.pollInterval().compareTo(grok.generationTimeout()) >= 0) {
                problems.add("GROK_POLL_INTERVAL must be shorter than GROK_GENERATION_TIMEOUT");
            }
            var limits = new AppConfig.Limits(
                    integer("MAX_CONCURRENT_GENERATIONS", 1, 1000),
                    integer("RATE_LIMIT_REQUESTS", 1, 1_000_000),
                    Duration.ofSeconds(integer("RATE_LIMIT_PERIOD", 1, Integer.MAX_VALUE)),
                    Duration.ofSeconds(integer("REPEAT_CACHE_WINDOW", 0, 7 * 24 * 3600)));
            var server = new AppConfig.Server(text("HOST"), integer("PORT", 0, 65_535));
            var logging = new AppConfig.Logging(
                    oneOf("LOG_LEVEL", List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR")),
                    optional("LOG_FILE").map(Path::of));
            return new AppConfig(telegram, grok, storage(), limits, server, logging);
        }

        private AppConfig.Telegram telegram(Purpose purpose) {
            Secret token = purpose == Purpose.BOT
                    ? required("TELEGRAM_BOT_TOKEN", "the bot token from @BotFather")
                    : new Secret(optional("TELEGRAM_BOT_TOKEN").orElse(""));
            if (!token.value().isEmpty() && !token.value().matches("\\d+:[A-Za-z0-9_-]+")) {
                problems.add("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters)");
            }
            URI apiUrl = url("TELEGRAM_API_URL");
            if (apiUrl.getRawPath() != null && !apiUrl.getRawPath().isEmpty() && !"/".equals(apiUrl.getRawPath())) {
                problems.add("TELEGRAM_API_URL takes a scheme, host and port only (no path), was '" + apiUrl + "'");
            }
            String mode = oneOf("TELEGRAM_MODE", List.of("polling", "webhook"));
            var telegramMode = "webhook".equals(mode) ? AppConfig.TelegramMode.WEBHOOK : AppConfig.TelegramMode.POLLING;
            Optional<URI> webhookUrl = optional("TELEGRAM_WEBHOOK_URL").map(v -> parseUrl("TELEGRAM_WEBHOOK_URL", v));
            Optional<Secret> webhookSecret = optional("TELEGRAM_WEBHOOK_SECRET").map(Secret::new);
            if (telegramMode == AppConfig.TelegramMode.WEBHOOK && purpose == Purpose.BOT) {
                if (webhookUrl.isEmpty()) {
                    problems.add("TELEGRAM_WEBHOOK_URL is required when TELEGRAM_MODE=webhook");
                }
                if (webhookSecret.isEmpty()) {
                    problems.add("TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook");
                }
            }
            webhookSecret.filter(s -> !WEBHOOK_SECRET.matcher(s.value()).matches()).ifPresent(s ->
                    problems.add("TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z a-z 0-9 _ -"));
            return new AppConfig.Telegram(token, apiUrl, telegramMode, webhookUrl, webhookSecret);
        }

        private AppConfig.Storage storage() {
            String backend = oneOf("STORAGE_BACKEND", List.of("local", "s3"));
            Path path = Path.of(text("STORAGE_PATH"));
            Path temp = optional("TEMP_STORAGE_PATH").map(Path::of).orElse(path.resolve("tmp"));
            if (!"s3".equals(backend)) {
                return new AppConfig.LocalStorage(path, temp);
            }
            URI endpoint = optional("S3_ENDPOINT").map(v -> parseUrl("S3_ENDPOINT", v)).orElseGet(() -> {
                problems.add("S3_ENDPOINT is required when STORAGE_BACKEND=s3");
                return URI.create("http://invalid");
            });
            return new AppConfig.S3Storage(endpoint,
                    required("S3_BUCKET", "the bucket for photos and videos").value(),
                    required("S3_ACCESS_KEY", "the S3 access key"),
                    required("S3_SECRET_KEY", "the S3 secret key"),
                    text("S3_REGION"), path, temp);
        }

        private String raw(String name) {
            String value = values.get(name);
            if (value == null || value.isBlank()) {
                value = DEFAULTS.get(name);
            }
            return value == null ? null : value.strip();
        }

        private Optional<String> optional(String name) {
            return Optional.ofNullable(raw(name)).filter(v -> !v.isEmpty());
        }

        private String text(String name) {
            return optional(name).orElse("");
        }

        private Secret required(String name, String what) {
            Optional<String> value = optional(name);
            if (value.isEmpty()) {
                problems.add(name + " is required: " + what);
            }
            return new Secret(value.orElse(""));
        }

        private URI url(String name) {
            return parseUrl(name, text(name));
        }

        private URI parseUrl(String name, String value) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                        || uri.getHost() == null) {
                    problems.add(name + " must be an http(s) URL, was '" + value + "'");
                    return URI.create("http://invalid");
                }
                return uri;
            } catch (URISyntaxException e) {
                problems.add(name + " must be an http(s) URL, was '" + value + "'");
                return URI.create("http://invalid");
            }
        }

        private int integer(String name, int min, int max) {
            String value = text(name);
            try {
                int n = Integer.parseInt(value);
                if (n < min || n > max) {
                    problems.add(name + " must be between " + min + " and " + max + ", was " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a whole number, was '" + value + "'");
                return min;
            }
        }

        private Duration seconds(String name, boolean mustBePositive) {
            String value = text(name);
            try {
                BigDecimal seconds = new BigDecimal(value);
                if (seconds.signum() < 0 || mustBePositive && seconds.signum() == 0) {
                    problems.add(name + " must be " + (mustBePositive ? "more than" : "at least") + " 0 seconds, was " + value);
                    return Duration.ofSeconds(1);
                }
                return Duration.ofNanos(seconds.movePointRight(9).longValueExact());
            } catch (NumberFormatException | ArithmeticException e) {
                problems.add(name + " must be a number of seconds (decimals allowed), was '" + value + "'");
                return Duration.ofSeconds(1);
            }
        }

        private String oneOf(String name, List<String> allowed) {
            String value = text(name);
            for (String candidate : allowed) {
                if (candidate.equalsIgnoreCase(value)) {
                    return candidate;
                }
            }
            problems.add(name + " must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
            return allowed.getFirst();
        }
    }
}
