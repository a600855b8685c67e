package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Everything the Telegram frontend needs, with its defaults and its rules. A value that breaks a rule makes
 * construction fail with {@link Invalid}, which lists every broken rule at once and names each by the
 * environment variable an operator sets. The bot token is part of every Bot API URL, so it and the webhook
 * secret never appear in {@link #toString()} or in a problem.
 *
 * @param botToken          {@value #TELEGRAM_BOT_TOKEN}
 * @param apiUrl            {@value #TELEGRAM_API_URL}, the Bot API's base (scheme, host and port only)
 * @param mode              how updates come in
 * @param webhookSecret     {@value #TELEGRAM_WEBHOOK_SECRET}, the {@code X-Telegram-Bot-Api-Secret-Token} every
 *                          webhook call must carry; required in webhook mode
 * @param albumWindow       how long after an album's last item the album counts as complete
 * @param editInterval      the least time between two edits of one status message
 * @param chatActionEvery   how often "uploading video" is refreshed while a video is generated (it lasts 5 s)
 * @param maxDownloadBytes  larger files are refused from their declared size, before downloading (the Bot API's
 *                          own limit is 20 MB)
 * @param maxAttempts       how often one Bot API call is tried when it is rate limited or the network fails
 * @param retryPause        the first pause after a network failure; it doubles with each attempt
 * @param flood             how many Bot API calls may go out per second, in all and to one chat
 * @param keptPhotos        how photos that cannot go on yet (no consent, a video still being made) are kept
 * @param outagePatience    how long a job's last screen, and other notices that must arrive, are tried again
 *                          while Telegram cannot be reached
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
        Duration retryPause,
        FloodLimits flood,
        PhotoKeeping keptPhotos,
        Duration outagePatience) {

    public static final String TELEGRAM_BOT_TOKEN = "TELEGRAM_BOT_TOKEN";
    public static final String TELEGRAM_API_URL = "TELEGRAM_API_URL";
    public static final String TELEGRAM_WEBHOOK_SECRET = "TELEGRAM_WEBHOOK_SECRET";

    public static final URI DEFAULT_API_URL = URI.create("https://api.telegram.org");
    public static final long TWENTY_MEGABYTES = 20L * 1024 * 1024;

    /** What @BotFather hands out: the bot's id, a colon, then letters; short enough to sit in every URL. */
    private static final Pattern BOT_TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{1,179}");
    /** What Telegram accepts as a webhook's {@code secret_token}. */
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

    public enum Mode { LONG_POLLING, WEBHOOK }

    /**
     * Telegram's flood limits, kept by the bot instead of met as 429s: about 30 messages a second from one bot
     * and about one a second into one chat. Telegram asks for no more than one message a second into a chat
     * but lets a short burst over that pass, answering 429 only when the rate stays above it; so a chat that
     * was quiet may take a few calls back to back, and a video ready just after a status message goes at once
     * instead of waiting a second behind it. The sustained rate into a chat stays {@code callsPerChatPerSecond}.
     *
     * @param callsPerSecond        Bot API calls per second from this bot, all chats together
     * @param callsPerChatPerSecond messages and edits per second into one chat, kept over time
     * @param burstPerChat          how many messages and edits may go back to back into a quiet chat; 1 spaces
     *                              every call into a chat evenly
     */
    public record FloodLimits(int callsPerSecond, int callsPerChatPerSecond, int burstPerChat) {
        /** A status message, an edit and the video may go together; over time still one a second. */
        public static final FloodLimits TELEGRAM = new FloodLimits(30, 1, 3);

        public FloodLimits {
            if (callsPerSecond < 1 || callsPerChatPerSecond < 1) {
                throw new IllegalArgumentException("the flood limits allow at least one call a second");
            }
            if (burstPerChat < 1) {
                throw new IllegalArgumentException("a chat's burst is at least one call");
            }
        }
    }

    /**
     * Photos a user sent that cannot go on yet, kept by Telegram's file id (nothing is downloaded): those that
     * wait for the user's consent, and those that came while the user's previous video was still being made.
     *
     * @param keepFor      how long after the last of them a user's kept photos are dropped, with a word to the user
     * @param perRequester how many photos one user may have kept; more are refused, with a word
     * @param inAll        how many photos are kept for all users together; beyond that the least valuable go
     * @param checkEvery   how often the core is asked whether a user's previous video is done
     */
    public record PhotoKeeping(Duration keepFor, int perRequester, int inAll, Duration checkEvery) {
        public static final PhotoKeeping DEFAULT = new PhotoKeeping(Duration.ofMinutes(30), 4, 10_000,
                Duration.ofSeconds(2));

        public PhotoKeeping {
            Objects.requireNonNull(keepFor, "keepFor");
            Objects.requireNonNull(checkEvery, "checkEvery");
            if (!keepFor.isPositive() || !checkEvery.isPositive()) {
                throw new IllegalArgumentException("photos are kept, and checked, for a positive time");
            }
            if (perRequester < 2 || inAll < perRequester) {
                throw new IllegalArgumentException("a user may keep at least the two photos of one video, and all users"
                        + " together at least as many as one");
            }
        }
    }

    public TelegramConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(albumWindow, "albumWindow");
        Objects.requireNonNull(editInterval, "editInterval");
        Objects.requireNonNull(chatActionEvery, "chatActionEvery");
        Objects.requireNonNull(retryPause, "retryPause");
        Objects.requireNonNull(flood, "flood");
        Objects.requireNonNull(keptPhotos, "keptPhotos");
        Objects.requireNonNull(outagePatience, "outagePatience");
        var problems = new ArrayList<String>();
        // Never echo the token or the secret: a problem ends up on a terminal and in logs.
        if (botToken == null || botToken.isBlank()) {
            problems.add(TELEGRAM_BOT_TOKEN + " is required: the bot token from @BotFather");
        } else if (!BOT_TOKEN.matcher(botToken).matches()) {
            problems.add(TELEGRAM_BOT_TOKEN + " does not look like a bot token (digits, a colon, then letters)");
        }
        String scheme = apiUrl.getScheme();
        if (!("http".equals(scheme) || "https".equals(scheme)) || apiUrl.getHost() == null) {
            problems.add(TELEGRAM_API_URL + " must be an http(s) URL, was '" + apiUrl + "'");
        } else if (apiUrl.getRawPath() != null && !apiUrl.getRawPath().isEmpty() && !"/".equals(apiUrl.getRawPath())) {
            problems.add(TELEGRAM_API_URL + " takes a scheme, host and port only (no path), was '" + apiUrl + "'");
        }
        if (webhookSecret.isPresent() && !WEBHOOK_SECRET.matcher(webhookSecret.get()).matches()) {
            problems.add(TELEGRAM_WEBHOOK_SECRET + " must be 1 to 256 of A-Z a-z 0-9 _ -");
        }
        if (mode == Mode.WEBHOOK && webhookSecret.isEmpty()) {
            problems.add(TELEGRAM_WEBHOOK_SECRET + " is required when TELEGRAM_MODE=webhook");
        }
        if (albumWindow.isNegative() || editInterval.isNegative() || retryPause.isNegative()
                || outagePatience.isNegative() || !chatActionEvery.isPositive()) {
            problems.add("durations cannot be negative and the chat action period must be positive");
        }
        if (maxDownloadBytes <= 0 || maxAttempts < 1) {
            problems.add("maxDownloadBytes must be positive and maxAttempts at least 1");
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /**
     * What an operator sets, with the defaults for the rest; every broken rule is reported at once.
     *
     * @param webhookSecret required, and only used, when {@code mode} is {@link Mode#WEBHOOK}
     */
    public static TelegramConfig of(String botToken, URI apiUrl, Mode mode, Optional<String> webhookSecret) {
        return new TelegramConfig(botToken, apiUrl, mode, webhookSecret, Duration.ofSeconds(1), Duration.ofSeconds(3),
                Duration.ofSeconds(4), TWENTY_MEGABYTES, 5, Duration.ofMillis(500), FloodLimits.TELEGRAM,
                PhotoKeeping.DEFAULT, Duration.ofHours(6));
    }

    /** Long polling against the public Bot API with the defaults the issue names. */
    public static TelegramConfig longPolling(String botToken) {
        return of(botToken, DEFAULT_API_URL, Mode.LONG_POLLING, Optional.empty());
    }

    /** Updates pushed to our own HTTP endpoint, each carrying {@code secret}. */
    public static TelegramConfig webhook(String botToken, String secret) {
        return of(botToken, DEFAULT_API_URL, Mode.WEBHOOK, Optional.of(secret));
    }

    public TelegramConfig withApiUrl(URI url) {
        return changed(c -> c.apiUrl = url);
    }

    public TelegramConfig withMode(Mode newMode, Optional<String> secret) {
        return changed(c -> {
            c.mode = newMode;
            c.webhookSecret = secret;
        });
    }

    public TelegramConfig withAlbumWindow(Duration window) {
        return changed(c -> c.albumWindow = window);
    }

    public TelegramConfig withEditInterval(Duration interval) {
        return changed(c -> c.editInterval = interval);
    }

    public TelegramConfig withChatActionEvery(Duration every) {
        return changed(c -> c.chatActionEvery = every);
    }

    public TelegramConfig withRetries(int attempts, Duration pause) {
        return changed(c -> {
            c.maxAttempts = attempts;
            c.retryPause = pause;
        });
    }

    public TelegramConfig withFloodLimits(FloodLimits limits) {
        return changed(c -> c.flood = limits);
    }

    public TelegramConfig withKeptPhotos(PhotoKeeping keeping) {
        return changed(c -> c.keptPhotos = keeping);
    }

    public TelegramConfig withOutagePatience(Duration patience) {
        return changed(c -> c.outagePatience = patience);
    }

    @Override
    public String toString() {
        return "TelegramConfig[botToken=***, apiUrl=" + apiUrl + ", mode=" + mode
                + ", webhookSecret=" + webhookSecret.map(s -> "***").orElse("none")
                + ", albumWindow=" + albumWindow + ", editInterval=" + editInterval
                + ", chatActionEvery=" + chatActionEvery + ", maxDownloadBytes=" + maxDownloadBytes
                + ", maxAttempts=" + maxAttempts + ", retryPause=" + retryPause + ", flood=" + flood
                + ", keptPhotos=" + keptPhotos + ", outagePatience=" + outagePatience + "]";
    }

    /** A copy with some settings changed and all checked again, so each wither names only what it changes. */
    private TelegramConfig changed(Consumer<Draft> change) {
        var draft = new Draft(this);
        change.accept(draft);
        return draft.build();
    }

    /** The settings while a copy is being changed. */
    private static final class Draft {
        final String botToken;
        URI apiUrl;
        Mode mode;
        Optional<String> webhookSecret;
        Duration albumWindow;
        Duration editInterval;
        Duration chatActionEvery;
        final long maxDownloadBytes;
        int maxAttempts;
        Duration retryPause;
        FloodLimits flood;
        PhotoKeeping keptPhotos;
        Duration outagePatience;

        Draft(TelegramConfig from) {
            botToken = from.botToken;
            apiUrl = from.apiUrl;
            mode = from.mode;
            webhookSecret = from.webhookSecret;
            albumWindow = from.albumWindow;
            editInterval = from.editInterval;
            chatActionEvery = from.chatActionEvery;
            maxDownloadBytes = from.maxDownloadBytes;
            maxAttempts = from.maxAttempts;
            retryPause = from.retryPause;
            flood = from.flood;
            keptPhotos = from.keptPhotos;
            outagePatience = from.outagePatience;
        }

        TelegramConfig build() {
            return new TelegramConfig(botToken, apiUrl, mode, webhookSecret, albumWindow, editInterval,
                    chatActionEvery, maxDownloadBytes, maxAttempts, retryPause, flood, keptPhotos, outagePatience);
        }
    }

}
