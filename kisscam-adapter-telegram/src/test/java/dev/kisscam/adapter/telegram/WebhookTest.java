package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook mode: updates POSTed to our own HTTP endpoint count only with the secret. */
class WebhookTest {
    private static final String SECRET = "s3cret_for-the-webhook";
    private BotRig bot;
    private HttpServer server;
    private URI endpoint;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        bot = BotRig.with(c -> c.withMode(TelegramConfig.Mode.WEBHOOK, Optional.of(SECRET)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/telegram", bot.updates.webhookHandler());
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/telegram");
    }

    @AfterEach
    void stop() {
        server.stop(0);
        bot.close();
    }

    @Test
    void an_update_with_the_secret_is_handled() throws Exception {
        var user = new FakeBotApi.User(501, "en");
        int status = post(bot.telegram.textUpdateJson(user, "/help"), SECRET);
        assertThat(status).isEqualTo(200);
        bot.telegram.awaitText(user, "Send one photo with two people", WAIT);
        assertThat(bot.telegram.calls("deleteWebhook")).as("webhook mode does not poll").isEmpty();
    }

    @Test
    void an_update_without_or_with_a_wrong_secret_is_refused_with_401_and_ignored() throws Exception {
        var user = new FakeBotApi.User(502, "en");
        assertThat(post(bot.telegram.textUpdateJson(user, "/start"), null)).isEqualTo(401);
        assertThat(post(bot.telegram.textUpdateJson(user, "/start"), SECRET + "x")).isEqualTo(401);
        assertThat(post(bot.telegram.textUpdateJson(user, "/start"), "")).isEqualTo(401);

        // A good update afterwards is the first and only one the chat sees.
        assertThat(post(bot.telegram.textUpdateJson(user, "/help"), SECRET)).isEqualTo(200);
        bot.telegram.awaitText(user, "Send one photo with two people", WAIT);
        assertThat(bot.telegram.chat(user)).hasSize(1);
    }

    @Test
    void the_webhook_is_registered_with_our_secret() {
        bot.updates.registerWebhook(URI.create("https://bot.example.org/telegram"));

        assertThat(bot.telegram.calls("setWebhook")).singleElement().satisfies(call -> {
            assertThat(call.params().path("url").asText()).isEqualTo("https://bot.example.org/telegram");
            assertThat(call.params().path("secret_token").asText()).isEqualTo(SECRET);
        });
    }

    @Test
    void updates_before_the_bot_has_started_are_answered_503_so_telegram_sends_them_again() throws Exception {
        var config = BotRig.testConfig(bot.telegram).withMode(TelegramConfig.Mode.WEBHOOK, Optional.of(SECRET));
        try (var notStarted = new TelegramAdapters(config, BotRig.STYLES, Pacer.system())) {
            var core = new ResilienceTest.UnreachedCore();
            server.createContext("/early", notStarted.updates(new CorePorts(core, core, core, core)).webhookHandler());
            var early = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/early");
            var request = HttpRequest.newBuilder(early)
                    .POST(HttpRequest.BodyPublishers.ofString(bot.telegram.textUpdateJson(new FakeBotApi.User(503, "en"), "/help")))
                    .header(WebhookHandler.SECRET_HEADER, SECRET).build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void a_body_that_is_no_update_is_a_bad_request() throws Exception {
        assertThat(post("{not json", SECRET)).isEqualTo(400);
    }

    private int post(String body, String secret) throws Exception {
        var request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (secret != null) {
            request.header(WebhookHandler.SECRET_HEADER, secret);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
