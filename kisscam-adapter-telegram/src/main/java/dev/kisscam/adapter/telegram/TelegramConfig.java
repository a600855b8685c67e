package dev.kisscam.adapter.telegram;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the Telegram frontend needs, validated at once. The bot token is part of every Bot API URL, so
 * it and the webhook secret never appear in {@link #toString()}.
 *
 * @param botToken          TELEGRAM_BOT_TOKEN
 * @param apiUrl            TELEGRAM_API_URL, the Bot API's base (scheme, host and port only)
 * @param mode              how updates come in
 * @param webhookSecret     the {@code X-Telegram-Bot-Api-Secret-Token} every webhook call must carry; required in
 *                          webhook mode
 * @param albumWindow       how long after an album's last item the album counts as complete
 * @param editInterval      the least time between two edits of one status message
 * @param chatActionEvery   how often "uploading video" is refreshed while a video is generated (it lasts 5 s)
 * @param maxDownloadBytes  larger files are refused from their declared size, before downloading (the Bot API's
 *                          own limit is 20 MB)
 * @param maxAttempts       how often one Bot API call is tried when it is rate limited or the network fails
 * @param retryPause        the first pause after a network failure; it doubles with each attempt
 */
public record TelegramConfig(
        String botToken,
        URI apiUrl,
        Mode mode,
        Optional<String> webhookSecret,
        Duration albumWindow,
        Duration editInterval,
        Duration chatActionEvery,
        long maxDownloadBytes,
        int maxAttempts,
        Duration retryPause) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final long TWENTY_MEGABYTES = 20L * 1024 * 1024;

    public enum Mode { LONG_POLLING, WEBHOOK }

    public TelegramConfig {
        Objects.requireNonNull(botToken, "botToken");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(albumWindow, "albumWindow");
        Objects.requireNonNull(editInterval, "editInterval");
        Objects.requireNonNull(chatActionEvery, "chatActionEvery");
        Objects.requireNonNull(retryPause, "retryPause");
        if (!botToken.matches("[A-Za-z0-9:_-]{1,200}")) {
            // Never echo the token: the message may end up in a log.
            throw new IllegalArgumentException("TELEGRAM_BOT_TOKEN must be 1 to 200 letters, digits, ':', '_' or '-'");
        }
        String scheme = apiUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || apiUrl.getHost() == null) {
            throw new IllegalArgumentException("TELEGRAM_API_URL must be an http or https URL, was " + apiUrl);
        }
        if (apiUrl.getRawPath() != null && !apiUrl.getRawPath().isEmpty() && !"/".equals(apiUrl.getRawPath())) {
            throw new IllegalArgumentException("TELEGRAM_API_URL takes a scheme, host and port only, was " + apiUrl);
        }
        webhookSecret.ifPresent(secret -> {
            if (!secret.matches("[A-Za-z0-9_-]{1,256}")) {
                throw new IllegalArgumentException("the webhook secret must be 1 to 256 of A-Z a-z 0-9 _ -");
            }
        });
        if (mode == Mode.WEBHOOK && webhookSecret.isEmpty()) {
            throw new IllegalArgumentException("webhook mode needs a webhook secret");
        }
        if (albumWindow.isNegative() || editInterval.isNegative() || retryPause.isNegative()
                || !chatActionEvery.isPositive()) {
            throw new IllegalArgumentException("durations cannot be negative and the chat action period must be positive");
        }
        if (maxDownloadBytes <= 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxDownloadBytes must be positive and maxAttempts at least 1");
        }
    }

    /** Long polling against the public Bot API with the defaults the issue names. */
    public static TelegramConfig longPolling(String botToken) {
        return new TelegramConfig(botToken, DEFAULT_API_URL, Mode.LONG_POLLING, Optional.empty(),
                Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(4), TWENTY_MEGABYTES, 5,
                Duration.ofMillis(500));
    }

    /** Updates pushed to our own HTTP endpoint, each carrying {@code secret}. */
    public static TelegramConfig webhook(String botToken, String secret) {
        return longPolling(botToken).withMode(Mode.WEBHOOK, Optional.of(secret));
    }

    public TelegramConfig withApiUrl(URI url) {
        return new TelegramConfig(botToken, url, mode, webhookSecret, albumWindow, editInterval, chatActionEvery,
                maxDownloadBytes, maxAttempts, retryPause);
    }

    public TelegramConfig withMode(Mode newMode, Optional<String> secret) {
        return new TelegramConfig(botToken, apiUrl, newMode, secret, albumWindow, editInterval, chatActionEvery,
                maxDownloadBytes, maxAttempts, retryPause);
    }

    public TelegramConfig withAlbumWindow(Duration window) {
        return new TelegramConfig(botToken, apiUrl, mode, webhookSecret, window, editInterval, chatActionEvery,
                maxDownloadBytes, maxAttempts, retryPause);
    }

    public TelegramConfig withEditInterval(Duration interval) {
        return new TelegramConfig(botToken, apiUrl, mode, webhookSecret, albumWindow, interval, chatActionEvery,
                maxDownloadBytes, maxAttempts, retryPause);
    }

    public TelegramConfig withChatActionEvery(Duration every) {
        return new TelegramConfig(botToken, apiUrl, mode, webhookSecret, albumWindow, editInterval, every,
                maxDownloadBytes, maxAttempts, retryPause);
    }

    public TelegramConfig withRetries(int attempts, Duration pause) {
        return new TelegramConfig(botToken, apiUrl, mode, webhookSecret, albumWindow, editInterval, chatActionEvery,
                maxDownloadBytes, attempts, pause);
    }

    @Override
    public String toString() {
        return "TelegramConfig[botToken=***, apiUrl=" + apiUrl + ", mode=" + mode
                + ", webhookSecret=" + webhookSecret.map(s -> "***").orElse("none")
                + ", albumWindow=" + albumWindow + ", editInterval=" + editInterval
                + ", chatActionEvery=" + chatActionEvery + ", maxDownloadBytes=" + maxDownloadBytes
                + ", maxAttempts=" + maxAttempts + ", retryPause=" + retryPause + "]";
    }
}
