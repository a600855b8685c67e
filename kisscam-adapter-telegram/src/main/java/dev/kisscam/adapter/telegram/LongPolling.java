package dev.kisscam.adapter.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The TelegramBots long-polling loop against the configured base URL. Its one polling thread is a daemon we
 * own, so stopping does not depend on a long poll ending.
 */
final class LongPolling implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LongPolling.class.getName());

    private final String token;
    private final TelegramUrl url;
    private final OkHttpClient http;
    private final UpdateRouter router;
    private final TokenRedaction redaction;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("telegram-long-polling").factory());
    private TelegramBotsLongPollingApplication application;

    LongPolling(String token, TelegramUrl url, OkHttpClient http, UpdateRouter router, TokenRedaction redaction) {
        this.token = token;
        this.url = url;
        this.http = http;
        this.router = router;
        this.redaction = redaction;
    }

    synchronized void start() {
        if (application != null) {
            throw new IllegalStateException("long polling already started");
        }
        application = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> http, () -> poller);
        try {
            application.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(), router);
        } catch (TelegramApiException e) {
            throw new TelegramCallException("getUpdates", 0, true,
                    "long polling could not start: " + redaction.scrub(e.getMessage()), redaction.scrub(e.getCause()));
        }
    }

    @Override
    public synchronized void close() {
        if (application != null) {
            try {
                application.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stopping long polling: " + redaction.scrub(e.getMessage()));
            }
        }
        // Ends a long poll that would otherwise hold the polling thread for up to 50 s.
        http.dispatcher().cancelAll();
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
