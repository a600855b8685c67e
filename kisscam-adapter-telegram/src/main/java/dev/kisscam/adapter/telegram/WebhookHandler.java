package dev.kisscam.adapter.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Takes the updates Telegram pushes in webhook mode. Only calls that carry our secret in
 * {@code X-Telegram-Bot-Api-Secret-Token} count (compared in constant time); others get 401. An accepted update
 * is answered at once and handled in its chat's lane, so Telegram never waits for a video.
 */
final class WebhookHandler implements HttpHandler {
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Updates are small JSON documents; anything larger is not from Telegram. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(WebhookHandler.class.getName());

    private final byte[] secret;
    private final UpdateRouter router;
    private final ObjectMapper json = new ObjectMapper();

    WebhookHandler(String secret, UpdateRouter router) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.router = router;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                answer(exchange, 405);
                return;
            }
            String given = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                answer(exchange, 401);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            if (body.length > MAX_BODY_BYTES) {
                answer(exchange, 413);
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "a webhook call held no update: " + e.getMessage());
                answer(exchange, 400);
                return;
            }
            router.consume(List.of(update));
            answer(exchange, 200);
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }
}
