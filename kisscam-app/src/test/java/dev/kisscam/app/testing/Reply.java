package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP answer of the simulated xAI, built by the parts that decide it and sent by the server, so those
 * parts never touch an exchange.
 *
 * @param contentType {@code null} for an answer without a body
 */
record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final ObjectMapper JSON = new ObjectMapper();

    Reply {
        body = body.clone();
        headers = Map.copyOf(headers);
    }

    static Reply json(int status, JsonNode body) {
        return new Reply(status, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** What a running generation sometimes gets from the live API: a status and nothing else. */
    static Reply empty(int status) {
        return new Reply(status, null, new byte[0], Map.of());
    }

    static Reply file(String contentType, byte[] content) {
        return new Reply(200, contentType, content, Map.of());
    }

    /** xAI's most common error shape: a gRPC status text and a message. */
    static Reply error(int status, String code, String message) {
        return json(status, JSON.createObjectNode().put("code", code).put("error", message));
    }

    Reply withHeader(String name, String value) {
        var more = new HashMap<>(headers);
        more.put(name, value);
        return new Reply(status, contentType, body, more);
    }

    void send(HttpExchange exchange) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
