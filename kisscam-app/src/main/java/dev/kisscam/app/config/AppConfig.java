package dev.kisscam.app.config;

import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.adapter.storage.S3StorageConfig;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.service.KisscamSettings;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the program is told from outside, validated: each adapter's own configuration record, which
 * holds its defaults and rules, and the few settings only the program has. Immutable; secrets print masked.
 *
 * @param telegram empty for commands that do not talk to Telegram
 * @param database where the records (jobs, consents, quotas, spends, kept videos) live: DATABASE_URL
 * @param core the core's settings, the styles requesters may choose among them
 * @param stylesFile STYLES_FILE, where the operator's styles came from, if anywhere
 * @param styleLabels what the operator's STYLES_FILE calls styles, per language ({@code en}, {@code ru}), in the
 *     core's order: every style it adds, in both languages (its id where the file gives no label), and the
 *     built-in styles it relabels, in the languages it relabels them; the frontends word the rest themselves
 * @param shared what this instance shares with others beyond the database: nothing, or Redis
 */
public record AppConfig(Optional<Telegram> telegram, Provider provider, Storage storage, SqlConfig database,
        KisscamSettings core,
        Limits limits, Server server, Logging logging, Optional<Path> stylesFile,
        Map<VideoStyle, Map<String, String>> styleLabels, Operations operations, Shared shared) {

    public AppConfig {
        Objects.requireNonNull(telegram, "telegram");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(core, "core");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(stylesFile, "stylesFile");
        styleLabels = Collections.unmodifiableMap(new LinkedHashMap<>(styleLabels));
        Objects.requireNonNull(shared, "shared");
        Objects.requireNonNull(operations, "operations");
    }

    /** The Telegram frontend's settings, and in webhook mode the public URL Telegram calls (its path is served). */
    public record Telegram(TelegramConfig config, Optional<URI> webhookUrl) {
        public Telegram {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(webhookUrl, "webhookUrl");
        }
    }

    /**
     * Who makes the videos, chosen by VIDEO_PROVIDER. A second provider is a case here holding its adapter's
     * configuration, and its module, installed from {@code Modules}.
     */
    public sealed interface Provider {
        record Grok(GrokConfig config) implements Provider {
            public Grok {
                Objects.requireNonNull(config, "config");
            }
        }
    }

    /**
     * Chosen by STORAGE_BACKEND: where media lives, as files under {@code local} unless it goes to S3. The
     * records live in the {@code database}.
     */
    public sealed interface Storage {
        LocalStorageConfig local();
    }

    public record LocalStorage(LocalStorageConfig local) implements Storage {
        public LocalStorage {
            Objects.requireNonNull(local, "local");
        }
    }

    public record S3Storage(S3StorageConfig s3, LocalStorageConfig local) implements Storage {
        public S3Storage {
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(local, "local");
        }
    }

    /**
     * How many videos a requester may have per period, and how many of their photos may be refused for what
     * they show (each was a paid look) in the same period.
     */
    public record Limits(int rateLimitRequests, Duration rateLimitPeriod, int refusedPhotosLimit) {
    }

    public record Server(String host, int port) {
    }

    /**
     * What several instances share beyond the database, chosen by whether Redis is configured (REDIS_URL, or
     * REDIS_HOST...): nothing, so that generation slots, xAI's pace, the polling lead and the people-count cache are
     * this process's own; or Redis, which holds them for all instances together.
     */
    public sealed interface Shared {
        record Nothing() implements Shared {
        }

        record Redis(RedisConfig config) implements Shared {
            public Redis {
                Objects.requireNonNull(config, "config");
            }
        }
    }

    public record Logging(String level, Optional<Path> file) {
    }

    /**
     * What operators use: the admin routes (/dashboard, /metrics, /health/details) and where they listen, error
     * tracking, and the daily spend an alert fires at.
     *
     * @param adminToken asked of every admin request when set; without it the admin routes listen on 127.0.0.1 only
     * @param adminPort where the admin routes listen; the same listener as {@code PORT} when equal
     * @param sentryDsn where errors and failed jobs are reported; nothing is reported without it
     * @param spendAlertUsd the day's spend, in USD, above which the spend alert fires; zero for none
     */
    public record Operations(Optional<String> adminToken, int adminPort, Optional<String> sentryDsn,
            BigDecimal spendAlertUsd) {
        public Operations {
            Objects.requireNonNull(adminToken, "adminToken");
            Objects.requireNonNull(sentryDsn, "sentryDsn");
            Objects.requireNonNull(spendAlertUsd, "spendAlertUsd");
        }

        /** No token, so the admin routes stay on the loopback interface: beside {@code server} when it is there. */
        public static Operations defaults(Server server) {
            return new Operations(Optional.empty(), defaultAdminPort(server, false), Optional.empty(), BigDecimal.ZERO);
        }

        /**
         * {@code PORT}, unless the admin routes need a listener of their own: without a token they listen on
         * 127.0.0.1, which a wildcard or public HOST:PORT cannot share, so they take the next port (a free one
         * when PORT picks a free one).
         */
        static int defaultAdminPort(Server server, boolean withToken) {
            if (withToken || isLoopback(server.host()) || server.port() == 0) {
                return server.port();
            }
            return server.port() < 65_535 ? server.port() + 1 : 0;
        }

        /** Whether the admin routes may share the HOST:PORT listener. */
        public boolean sharesListener(Server server) {
            return adminPort == server.port() && (adminToken.isPresent() || isLoopback(server.host()));
        }

        /** The address the admin routes listen on. */
        public String adminHost(Server server) {
            return adminToken.isPresent() ? server.host() : LOOPBACK;
        }

        static final String LOOPBACK = "127.0.0.1";

        static boolean isLoopback(String host) {
            return host.startsWith("127.") || "localhost".equalsIgnoreCase(host) || "::1".equals(host)
                    || "[::1]".equals(host);
        }

        @Override
        public String toString() {
            return "Operations[adminToken=" + adminToken.map(t -> "****") + ", adminPort=" + adminPort
                    + ", sentryDsn=" + sentryDsn.map(d -> "****") + ", spendAlertUsd=" + spendAlertUsd + "]";
        }
    }
}
