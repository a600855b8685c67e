package dev.kisscam.adapter.telegram;

import com.sun.net.httpserver.HttpHandler;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;

/**
 * Users' messages into the core: commands, photos, albums and button presses, each chat's in order. Started
 * once: it registers the command menu and the bot's descriptions and, in long-polling mode, starts polling; in webhook mode mount
 * {@link #webhookHandler()} on an HTTP server. Made by {@link TelegramAdapters#updates}.
 */
public final class TelegramUpdates implements AutoCloseable {
    /** Longer than the 50 s a long poll may wait for updates. */
    private static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(75);

    private final TelegramConfig config;
    private final BotApi api;
    private final OkHttpClient http;
    private final ChatLanes lanes = new ChatLanes();
    private final UpdateRouter router;
    private final TurnWatch turns;
    private volatile boolean started;
    private Thread describing;
    private LongPolling polling;

    TelegramUpdates(TelegramConfig config, BotApi api, OkHttpClient http, ScheduledExecutorService timers,
            StatusBoard board, TelegramDelivery delivery, CorePorts core, ChatOrder order, AlbumStore albumStore,
            Optional<KeptPhotoStore> keptPhotoStore) {
        this.config = config;
        this.api = api;
        this.http = http;
        var replies = new Replies(api);
        var files = new TelegramFiles(api, http, config);
        KeptPhotos awaitingConsent = keptPhotoStore
                .<KeptPhotos>map(store -> new SharedKeptPhotos(store, "consent", config.keptPhotos()))
                .orElseGet(() -> new LocalKeptPhotos(config.keptPhotos(), board, "consent.expired"));
        KeptPhotos awaitingTurn = keptPhotoStore
                .<KeptPhotos>map(store -> new SharedKeptPhotos(store, "turn", config.keptPhotos()))
                .orElseGet(() -> new LocalKeptPhotos(config.keptPhotos(), board, "turn.expired"));
        var photos = new PhotoFlow(core, files, board, delivery, replies, lanes, awaitingConsent, awaitingTurn);
        this.turns = new TurnWatch(awaitingTurn, core.usage(), photos::resume, timers, config.keptPhotos().checkEvery());
        var albums = new AlbumCollector(albumStore, config.albumWindow(), timers, lanes, photos::submit);
        var conversation = new Conversation(new Commands(replies, core.control(), core.usage()), photos, albums,
                replies);
        this.router = new UpdateRouter(lanes, conversation, order);
    }

    /**
     * Registers the command menu in Russian and English, sets the bot's descriptions on a thread of their own
     * (a failure there is only logged) and, in long-polling mode, starts polling. Throws
     * {@link TelegramCallException} when Telegram cannot be reached.
     *
     * @throws IllegalStateException when started before
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the Telegram updates are already started");
        }
        // Once, before anything retries: a wrong token (401) or no route to Telegram is told at once, with its cause.
        api.once("getMe", new GetMe());
        registerCommandMenu();
        // Off the way to the first update: Telegram may ask a bot that changes them often to wait a long time.
        describing = Thread.ofVirtual().name("telegram-descriptions").start(new BotDescriptions(api)::update);
        turns.start();
        if (config.mode() == TelegramConfig.Mode.LONG_POLLING) {
            polling = new LongPolling(config.botToken(), TelegramAdapters.telegramUrl(config),
                    http.newBuilder().readTimeout(POLL_READ_TIMEOUT).build(), router, api.redaction());
            polling.start();
        }
        started = true;
    }

    /** Where updates go in, for a caller that receives them itself. */
    public LongPollingUpdateConsumer updateConsumer() {
        return router;
    }

    /** The webhook endpoint for an HTTP server: 401 without the configured secret, 503 until {@link #start}. */
    public HttpHandler webhookHandler() {
        String secret = config.webhookSecret().orElseThrow(() ->
                new IllegalStateException("the webhook handler needs a webhook secret in TelegramConfig"));
        var handler = new WebhookHandler(secret, router);
        return exchange -> {
            if (!started) {
                try (exchange) {
                    exchange.sendResponseHeaders(503, -1);
                }
                return;
            }
            handler.handle(exchange);
        };
    }

    /**
     * Tells Telegram to push updates to {@code publicUrl} (TELEGRAM_WEBHOOK_URL; https, port 443, 80, 88 or 8443)
     * with the configured secret, which {@link #webhookHandler()} then demands.
     */
    public void registerWebhook(URI publicUrl) {
        String secret = config.webhookSecret().orElseThrow(() ->
                new IllegalStateException("registering a webhook needs a webhook secret in TelegramConfig"));
        api.setWebhook(SetWebhook.builder().url(publicUrl.toString()).secretToken(secret).build());
    }

    private void registerCommandMenu() {
        var turn = FloodControl.Turn.botWide(FloodControl.Priority.ANSWER);
        api.call(turn, Commands.menu(Texts.of(Texts.ENGLISH), null));
        for (String language : Commands.RUSSIAN_MENU_LANGUAGES) {
            api.call(turn, Commands.menu(Texts.of(Texts.RUSSIAN), language));
        }
    }

    /** Stops polling and lets running updates finish briefly. */
    @Override
    public synchronized void close() {
        if (describing != null) {
            describing.interrupt();
        }
        if (polling != null) {
            polling.close();
        }
        router.stop();
        turns.close();
        lanes.close();
    }
}
