package dev.kisscam.adapter.telegram;

import com.sun.net.httpserver.HttpHandler;
import dev.kisscam.core.port.out.Delivery;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;

/**
 * The Telegram bot in one piece. Made in two steps because the core and the bot need each other: first
 * {@link #create} gives the {@link #delivery()} the core is built with, then {@link #start} connects the core's
 * in-ports, registers the command menu and, in long-polling mode, starts polling. In webhook mode mount
 * {@link #webhookHandler()} on an HTTP server. Nothing here does I/O before {@code start}.
 */
public final class TelegramFrontend implements AutoCloseable {
    /** Longer than the 50 s a long poll may wait for updates. */
    private static final Duration POLL_READ_TIMEOUT = Duration.ofSeconds(75);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final TelegramConfig config;
    private final OkHttpClient http;
    private final BotApi api;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("telegram-timers").factory());
    private final ChatLanes lanes = new ChatLanes();
    private final StatusBoard board;
    private final TelegramDelivery delivery;
    private volatile UpdateRouter router;
    private volatile WebhookHandler webhook;
    private LongPolling polling;

    TelegramFrontend(TelegramConfig config, Pacer pacer) {
        this.config = config;
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(CALL_TIMEOUT)
                .writeTimeout(CALL_TIMEOUT)
                .build();
        this.api = new BotApi(new OkHttpTelegramClient(http, config.botToken(), telegramUrl(config)),
                new TokenRedaction(config.botToken()), config.maxAttempts(), config.retryPause(), pacer);
        this.board = new StatusBoard(api, config.editInterval(), pacer, timers);
        this.delivery = new TelegramDelivery(api, board, new ChatActions(api, config.chatActionEvery(), timers));
    }

    public static TelegramFrontend create(TelegramConfig config) {
        return new TelegramFrontend(config, Pacer.system());
    }

    /** What the core tells users through: progress, videos, failures. Usable before {@link #start}. */
    public Delivery delivery() {
        return delivery;
    }

    /**
     * Connects the core, registers the command menu in Russian and English, and in long-polling mode starts
     * polling. Throws {@link TelegramCallException} when Telegram cannot be reached.
     */
    public synchronized void start(CorePorts core) {
        if (router != null) {
            throw new IllegalStateException("the Telegram frontend is already started");
        }
        var replies = new Replies(api);
        var files = new TelegramFiles(api, http, config);
        var photos = new PhotoFlow(core.intake(), core.control(), core.consent(), files, board, replies);
        var albums = new AlbumCollector(config.albumWindow(), timers, lanes, photos::submit);
        var conversation = new Conversation(new Commands(replies, core.control(), core.usage()), photos, albums,
                replies);
        registerCommandMenu();
        router = new UpdateRouter(lanes, conversation);
        config.webhookSecret().ifPresent(secret -> webhook = new WebhookHandler(secret, router));
        if (config.mode() == TelegramConfig.Mode.LONG_POLLING) {
            polling = new LongPolling(config.botToken(), telegramUrl(config),
                    http.newBuilder().readTimeout(POLL_READ_TIMEOUT).build(), router, api.redaction());
            polling.start();
        }
    }

    /** Where updates go in, for a caller that receives them itself; available after {@link #start}. */
    public LongPollingUpdateConsumer updateConsumer() {
        UpdateRouter started = router;
        if (started == null) {
            throw new IllegalStateException("start the Telegram frontend first");
        }
        return started;
    }

    /**
     * The webhook endpoint for kisscam-app's HTTP server: 401 without the configured secret, 503 until
     * {@link #start}.
     */
    public HttpHandler webhookHandler() {
        if (config.webhookSecret().isEmpty()) {
            throw new IllegalStateException("the webhook handler needs a webhook secret in TelegramConfig");
        }
        return exchange -> {
            WebhookHandler started = webhook;
            if (started == null) {
                try (exchange) {
                    exchange.sendResponseHeaders(503, -1);
                }
                return;
            }
            started.handle(exchange);
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
        api.call(Commands.menu(Texts.of(Texts.ENGLISH), null));
        for (String language : Commands.RUSSIAN_MENU_LANGUAGES) {
            api.call(Commands.menu(Texts.of(Texts.RUSSIAN), language));
        }
    }

    static TelegramUrl telegramUrl(TelegramConfig config) {
        String scheme = config.apiUrl().getScheme();
        int port = config.apiUrl().getPort() > 0 ? config.apiUrl().getPort() : "https".equals(scheme) ? 443 : 80;
        return TelegramUrl.builder().schema(scheme).host(config.apiUrl().getHost()).port(port).testServer(false)
                .build();
    }

    /** Stops polling, lets running updates finish briefly, and releases the HTTP client. */
    @Override
    public synchronized void close() {
        if (polling != null) {
            polling.close();
        }
        lanes.close();
        timers.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
