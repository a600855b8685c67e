package dev.kisscam.app.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Everything the program is told from outside, validated. Immutable; secrets print masked. */
public record AppConfig(Telegram telegram, Grok grok, Storage storage, Limits limits, Server server, Logging logging) {

    public AppConfig {
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(grok, "grok");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(logging, "logging");
    }

    public enum TelegramMode { POLLING, WEBHOOK }

    /** {@code token} is empty for commands that do not talk to Telegram. */
    public record Telegram(Secret token, URI apiUrl, TelegramMode mode, Optional<URI> webhookUrl,
            Optional<Secret> webhookSecret) {
    }

    /**
     * {@code requestsPerSecond} caps this process's calls to xAI (polls included), to stay inside the account's
     * rate limit.
     * {@code userHashSecret} keys the hash sent as xAI's {@code user}; empty means the adapter uses the API key. */
    public record Grok(Secret apiKey, URI apiUrl, String videoModel, String visionModel, Duration pollInterval,
            Duration generationTimeout, int videoDurationSeconds, String videoResolution,
            Optional<Secret> userHashSecret, int requestsPerSecond) {
    }

    /** Jobs and consents always live under {@code path}; media too, unless it goes to S3. */
    public sealed interface Storage {
        Path path();

        Path tempPath();
    }

    public record LocalStorage(Path path, Path tempPath) implements Storage {
    }

    public record S3Storage(URI endpoint, String bucket, Secret accessKey, Secret secretKey, String region,
            Path path, Path tempPath) implements Storage {
    }

    /**
     * {@code repeatWindow}: how long a requester's identical photo set is answered from the earlier video
     * instead of a new (paid) generation; zero turns that off.
     */
    public record Limits(int maxConcurrentGenerations, int rateLimitRequests, Duration rateLimitPeriod,
            Duration repeatWindow) {
    }

    public record Server(String host, int port) {
    }

    public record Logging(String level, Optional<Path> file) {
    }
}
