package dev.kisscam.app.config;

import static dev.kisscam.app.config.ConfigLoader.GROK;
import static dev.kisscam.app.config.ConfigLoader.LOCAL;
import static dev.kisscam.app.config.ConfigLoader.POLLING;
import static dev.kisscam.app.config.ConfigLoader.S3;
import static dev.kisscam.app.config.ConfigLoader.WEBHOOK;

import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.storage.S3StorageConfig;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.service.KisscamSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A configuration as an operator would write it: each variable with the value in effect, the defaults the
 * records filled in included. Read back from the records, so it shows what the program uses, not what was typed.
 */
final class EffectiveConfiguration {
    private final SortedMap<String, String> values = new TreeMap<>();

    private EffectiveConfiguration() {
    }

    static EffectiveConfiguration of(AppConfig config) {
        var effective = new EffectiveConfiguration();
        config.telegram().ifPresent(effective::telegram);
        effective.provider(config.provider());
        effective.storage(config.storage());
        effective.put(SqlConfig.DATABASE_URL, config.database().location());
        effective.core(config.core());
        effective.put(StylesFile.STYLES_FILE, config.stylesFile().map(Path::toString).orElse("(none: built-in styles)")
                + " " + config.core().styles());
        effective.limits(config.limits());
        effective.put(ConfigLoader.HOST, config.server().host());
        effective.put(ConfigLoader.PORT, config.server().port());
        effective.put(ConfigLoader.LOG_LEVEL, config.logging().level());
        config.logging().file().ifPresent(file -> effective.put(ConfigLoader.LOG_FILE, file));
        effective.operations(config.operations());
        effective.shared(config.shared());
        return effective;
    }

    /** One NAME=value per line, by name; the values of {@code secrets} masked. */
    List<String> describe(Set<String> secrets) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (secrets.contains(e.getKey()) ? masked(e.getValue()) : e.getValue()))
                .toList();
    }

    /** The values of those of {@code names} that are set. */
    List<String> valuesOf(Set<String> names) {
        return values.entrySet().stream().filter(e -> names.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    private void telegram(AppConfig.Telegram telegram) {
        TelegramConfig config = telegram.config();
        put(TelegramConfig.TELEGRAM_BOT_TOKEN, config.botToken());
        put(TelegramConfig.TELEGRAM_API_URL, config.apiUrl());
        put(ConfigLoader.TELEGRAM_MODE, switch (config.mode()) {
            case LONG_POLLING -> POLLING;
            case WEBHOOK -> WEBHOOK;
        });
        telegram.webhookUrl().ifPresent(url -> put(ConfigLoader.TELEGRAM_WEBHOOK_URL, url));
        config.webhookSecret().ifPresent(secret -> put(TelegramConfig.TELEGRAM_WEBHOOK_SECRET, secret));
    }

    private void provider(AppConfig.Provider provider) {
        switch (provider) {
            case AppConfig.Provider.Grok(GrokConfig grok) -> {
                put(ConfigLoader.VIDEO_PROVIDER, GROK);
                put(GrokConfig.GROK_API_KEY, grok.apiKey());
                put(GrokConfig.GROK_API_URL, grok.baseUrl());
                put(GrokConfig.GROK_USER_HASH_SECRET, grok.userHashSecret());
                put(GrokConfig.GROK_VIDEO_MODEL, grok.videoModel());
                put(GrokConfig.GROK_VISION_MODEL, grok.visionModel());
                put(GrokConfig.GROK_POLL_INTERVAL, seconds(grok.pollInterval()));
                put(GrokConfig.GROK_GENERATION_TIMEOUT, seconds(grok.generationTimeout()));
                put(GrokConfig.GROK_REQUESTS_PER_SECOND, grok.rateLimit().permits());
                put(GrokConfig.GROK_SUBMITS_PER_SECOND, grok.submitsPerSecond());
                put(GrokConfig.GROK_TWO_PHOTO_MODE, grok.twoPhotoMode().word());
                put(GrokConfig.GROK_GENERATE_AUDIO, grok.generateAudio());
                put(GrokConfig.VIDEO_DURATION, grok.durationSeconds());
                put(GrokConfig.VIDEO_RESOLUTION, grok.resolution());
            }
        }
    }

    private void storage(AppConfig.Storage storage) {
        switch (storage) {
            case AppConfig.LocalStorage files -> put(ConfigLoader.STORAGE_BACKEND, LOCAL);
            case AppConfig.S3Storage(S3StorageConfig s3, LocalStorageConfig local) -> {
                put(ConfigLoader.STORAGE_BACKEND, S3);
                put(S3StorageConfig.S3_ENDPOINT, s3.endpoint());
                put(S3StorageConfig.S3_BUCKET, s3.bucket());
                put(S3StorageConfig.S3_ACCESS_KEY, s3.accessKey());
                put(S3StorageConfig.S3_SECRET_KEY, s3.secretKey());
                put(S3StorageConfig.S3_REGION, s3.region() == null ? "(from the server)" : s3.region());
            }
        }
        put(LocalStorageConfig.STORAGE_PATH, storage.local().storagePath());
        put(LocalStorageConfig.TEMP_STORAGE_PATH, storage.local().tempPath());
    }

    private void core(KisscamSettings core) {
        put(KisscamSettings.MAX_CONCURRENT_GENERATIONS, core.maxConcurrentGenerations());
        put(KisscamSettings.REPEAT_CACHE_WINDOW, seconds(core.repeatWindow()));
        put(KisscamSettings.DAILY_SPEND_LIMIT_USD, BigDecimal.valueOf(core.dailySpendLimitTicks())
                .divide(BigDecimal.valueOf(Spend.TICKS_PER_USD)).stripTrailingZeros().toPlainString());
    }

    /** Redis in both forms, the URL without its password; the password under its own name, to be masked. */
    private void shared(AppConfig.Shared shared) {
        switch (shared) {
            case AppConfig.Shared.Nothing nothing -> { }
            case AppConfig.Shared.Redis(RedisConfig redis) -> {
                put(RedisConfig.REDIS_URL, redis.describe());
                put(RedisConfig.REDIS_HOST, redis.host());
                put(RedisConfig.REDIS_PORT, redis.port());
                put(RedisConfig.REDIS_DB, redis.database());
                redis.password().ifPresent(password -> put(RedisConfig.REDIS_PASSWORD, password));
            }
        }
    }

    private void limits(AppConfig.Limits limits) {
        put(ConfigLoader.RATE_LIMIT_REQUESTS, limits.rateLimitRequests());
        put(ConfigLoader.RATE_LIMIT_PERIOD, seconds(limits.rateLimitPeriod()));
        put(ConfigLoader.REFUSED_PHOTOS_LIMIT, limits.refusedPhotosLimit());
    }

    private void operations(AppConfig.Operations operations) {
        operations.adminToken().ifPresent(token -> put(ConfigLoader.ADMIN_TOKEN, token));
        put(ConfigLoader.ADMIN_PORT, operations.adminPort());
        operations.sentryDsn().ifPresent(dsn -> put(ConfigLoader.SENTRY_DSN, dsn));
        put(ConfigLoader.SPEND_ALERT_USD, operations.spendAlertUsd().toPlainString());
    }

    private void put(String name, Object value) {
        values.put(name, String.valueOf(value));
    }

    /** As an operator writes it: {@code 1.5}, not {@code PT1.5S}. */
    private static String seconds(Duration duration) {
        return new BigDecimal(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    /** Enough to tell two keys apart in a log, nothing more. */
    private static String masked(String secret) {
        return "****" + (secret.length() >= 12 ? secret.substring(secret.length() - 2) : "");
    }
}
