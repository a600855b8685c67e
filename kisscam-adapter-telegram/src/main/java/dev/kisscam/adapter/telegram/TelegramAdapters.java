package dev.kisscam.adapter.telegram;

import dev.kisscam.core.port.out.Delivery;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * The Telegram bot as two adapters over one connection to the Bot API: the {@link #delivery()} the core
 * tells users through (an out-adapter, usable as soon as this exists), and the {@link #updates} that bring
 * users' messages into the core (an in-adapter, made once from the core's in-ports and started once). The
 * core needs the first to be built, the second needs the core: two adapters, no cycle. Nothing here does I/O
 * before the updates start.
 */
public final class TelegramAdapters implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TelegramAdapters.class.getName());
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    /** The longest pause between two tries of a status while Telegram cannot be reached. */
    private static final Duration LONGEST_STATUS_RETRY = Duration.ofMinutes(5);
    /** How long closing waits for statuses still to be shown, such as a job's last screen. */
    private static final Duration LAST_SCREENS_ON_CLOSE = Duration.ofSeconds(5);

    private final TelegramConfig config;
    private final OkHttpClient http;
    private final TelegramReachability reachability;
    private final FloodControl flood;
    private final BotApi api;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("telegram-timers").factory());
    private final StatusBoard board;
    private final TelegramDelivery delivery;
    private TelegramUpdates updates;

    TelegramAdapters(TelegramConfig config, StyleLabels styles, Pacer pacer) {
        this.config = config;
        this.reachability = new TelegramReachability(config.apiUrl(), new TokenRedaction(config.botToken()),
                java.time.Clock.systemUTC());
        this.http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(CALL_TIMEOUT)
                .writeTimeout(CALL_TIMEOUT)
                .addInterceptor(reachability)
                .build();
        this.flood = new FloodControl(config.flood());
        this.api = new BotApi(new OkHttpTelegramClient(http, config.botToken(), telegramUrl(config)),
                new TokenRedaction(config.botToken()), config.maxAttempts(), config.retryPause(), pacer, flood);
        this.board = new StatusBoard(new StatusMessage.Shared(api, pacer, timers, config.editInterval(),
                new Backoff(config.retryPause(), LONGEST_STATUS_RETRY, config.outagePatience()), new Backlog()));
        this.delivery = new TelegramDelivery(api, board, new ChatActions(api, config.chatActionEvery(), timers),
                new StyleChoices(styles));
    }

    /**
     * @param styles the styles the core offers (its default first) and their labels; the bot shows a button
     *               for each under a waiting job and under a delivered video
     */
    public static TelegramAdapters create(TelegramConfig config, StyleLabels styles) {
        return new TelegramAdapters(config, styles, Pacer.system());
    }

    /** Whether Telegram answers now, as the latest calls showed; for /health. */
    public TelegramReachability reachability() {
        return reachability;
    }

    /** What the core tells users through: progress, videos, failures. */
    public Delivery delivery() {
        return delivery;
    }

    /**
     * The updates coming in, handed to the core's in-ports. Made once: the status messages it opens are the
     * ones {@link #delivery()} edits.
     *
     * @throws IllegalStateException when called a second time
     */
    public TelegramUpdates updates(CorePorts core) {
        return updates(core, ChatOrder.IN_PROCESS, AlbumStore.inProcess(), Optional.empty());
    }

    /**
     * The updates coming in, as {@link #updates(CorePorts)}, with each chat's order, the albums being gathered and,
     * when {@code keptPhotos} is given, the photos that cannot go on yet kept where other instances share them
     * (behind one round-robin webhook); without it they are kept in this process.
     *
     * @throws IllegalStateException when called a second time
     */
    public synchronized TelegramUpdates updates(CorePorts core, ChatOrder order, AlbumStore albums,
            Optional<KeptPhotoStore> keptPhotos) {
        if (updates != null) {
            throw new IllegalStateException("the Telegram updates are already connected to a core");
        }
        updates = new TelegramUpdates(config, api, http, timers, board, delivery, core, order, albums,
                keptPhotos);
        return updates;
    }

    static TelegramUrl telegramUrl(TelegramConfig config) {
        String scheme = config.apiUrl().getScheme();
        int port = config.apiUrl().getPort() > 0 ? config.apiUrl().getPort() : "https".equals(scheme) ? 443 : 80;
        return TelegramUrl.builder().schema(scheme).host(config.apiUrl().getHost()).port(port).testServer(false)
                .build();
    }

    /**
     * Waits until every status and notice has been shown (or given up); false if some still wait after
     * {@code timeout}, as they do while Telegram cannot be reached.
     */
    boolean settle(Duration timeout) throws InterruptedException {
        return board.settle(timeout);
    }

    /**
     * Stops the updates if they run, gives the statuses still to be shown (a job's last screen) a moment, then
     * releases the timers and the HTTP client.
     */
    @Override
    public synchronized void close() {
        if (updates != null) {
            updates.close();
        }
        try {
            if (!board.settle(LAST_SCREENS_ON_CLOSE)) {
                LOG.log(System.Logger.Level.WARNING, "closing with statuses not yet shown to their users");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flood.close();
        timers.shutdownNow();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
