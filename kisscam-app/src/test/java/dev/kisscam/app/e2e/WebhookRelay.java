package dev.kisscam.app.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Telegram's side of a webhook, for the fake Bot API: it takes the updates users made (the fake queues them as
 * for long polling) and POSTs each to the webhook URL with the secret header, up to 40 at once as Telegram does
 * by default, trying an update again while the URL answers anything but 200.
 */
final class WebhookRelay implements AutoCloseable {
    private static final int CONNECTIONS = 40;
    private static final int ATTEMPTS = 20;

    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().executor(threads).build();
    private final Semaphore connections = new Semaphore(CONNECTIONS);
    private final AtomicInteger undelivered = new AtomicInteger();
    private final URI getUpdates;
    private final URI webhook;
    private final String secret;
    private final Thread pulling;

    WebhookRelay(FakeBotApi telegram, URI webhook, String secret) {
        this.getUpdates = URI.create(telegram.baseUrl() + "/bot" + FakeBotApi.TOKEN + "/getUpdates");
        this.webhook = webhook;
        this.secret = secret;
        this.pulling = Thread.ofVirtual().name("webhook-relay").start(this::relayForever);
    }

    /** Updates that no attempt delivered. */
    int undelivered() {
        return undelivered.get();
    }

    private void relayForever() {
        long offset = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String ask = "{\"offset\":" + offset + ",\"timeout\":1}";
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(getUpdates)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(ask))
                        .build(), HttpResponse.BodyHandlers.ofString());
                for (JsonNode update : json.readTree(answer.body()).path("result")) {
                    offset = update.path("update_id").asLong() + 1;
                    connections.acquire();
                    String body = update.toString();
                    threads.execute(() -> deliver(body));
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (threads.isShutdown()) {
                    return;
                }
            }
        }
    }

    private void deliver(String update) {
        try {
            var request = HttpRequest.newBuilder(webhook).header("Content-Type", "application/json")
                    .header("X-Telegram-Bot-Api-Secret-Token", secret)
                    .POST(HttpRequest.BodyPublishers.ofString(update)).build();
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // tried again, as Telegram tries a webhook again
                }
                Thread.sleep(Duration.ofMillis(100L * attempt));
            }
            undelivered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connections.release();
        }
    }

    @Override
    public void close() {
        pulling.interrupt();
        threads.shutdownNow();
        http.close();
    }
}
