package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything under {@code /v1}: checks the key, lets a queued fault answer instead, and routes to the vision
 * model or the video jobs. The request body is always read in full first, so that an early answer (401, a
 * fault) never cuts off a client still writing a large photo and the connection stays reusable.
 */
final class ApiHandler implements HttpHandler {
    /** xAI takes images of up to 20 MiB, which base64 and JSON make about a third larger. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
    private static final Pattern POLL = Pattern.compile("/v1/videos/([A-Za-z0-9-]{1,128})");

    private final byte[] authorization;
    private final FaultPlan faults;
    private final SimulatedVision vision;
    private final VideoJobs jobs;

    private final SubmissionStorm storm;

    ApiHandler(String apiKey, FaultPlan faults, SimulatedVision vision, VideoJobs jobs, SubmissionStorm storm) {
        this.storm = storm;
        this.authorization = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
        this.faults = faults;
        this.vision = vision;
        this.jobs = jobs;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY_BYTES + 1);
            }
            reply(exchange, body).send(exchange);
        }
    }

    private Reply reply(HttpExchange exchange, byte[] body) {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            // Never echo what was sent: it may be a real key sent to the wrong place.
            return Reply.error(401, "unauthenticated", "Incorrect or missing API key");
        }
        if ("/v1/api-key".equals(exchange.getRequestURI().getPath())) {
            // Asked once when a command starts; the planned faults are for the work that follows.
            return "GET".equals(exchange.getRequestMethod()) ? apiKey() : methodNotAllowed(exchange.getRequestMethod());
        }
        return faults.next().orElseGet(() -> {
            try {
                return route(exchange, body);
            } catch (Rejection rejection) {
                return rejection.reply();
            } catch (RuntimeException bug) {
                // A fault in the simulation itself: say so plainly rather than drop the connection, which a
                // client would take for a network failure.
                return Reply.error(500, "simulation_failed", bug.toString());
            }
        });
    }

    /** What {@code GET /v1/api-key} answers for the simulation's own key: known, nothing blocked. */
    private static Reply apiKey() {
        var key = Reply.JSON.createObjectNode().put("redacted_api_key", "xai-...sim").put("user_id", "user-sim")
                .put("name", "simulation").put("team_id", "team-sim").put("api_key_id", "key-sim")
                .put("team_blocked", false).put("api_key_blocked", false).put("api_key_disabled", false);
        key.putArray("acls").add("api-key:model:*").add("api-key:endpoint:*");
        return Reply.json(200, key);
    }

    private Reply route(HttpExchange exchange, byte[] body) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (body.length > MAX_BODY_BYTES) {
            return Reply.error(413, "invalid_argument", "the request body is too large");
        }
        if ("/v1/chat/completions".equals(path)) {
            return post(exchange, body, vision::answer);
        }
        if ("/v1/videos/generations".equals(path)) {
            Optional<Reply> paced = storm.refusal();
            return paced.orElseGet(() -> post(exchange, body, jobs::submit));
        }
        Matcher poll = POLL.matcher(path);
        if (poll.matches()) {
            return "GET".equals(method) ? jobs.poll(poll.group(1)) : methodNotAllowed(method);
        }
        return Reply.error(404, "not_found", "no such endpoint: " + method + " " + path);
    }

    private static Reply post(HttpExchange exchange, byte[] body, Function<JsonNode, Reply> endpoint) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return methodNotAllowed(exchange.getRequestMethod());
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return Reply.error(415, "invalid_argument", "Content-Type must be application/json");
        }
        return endpoint.apply(json(body));
    }

    private static JsonNode json(byte[] body) {
        try {
            JsonNode node = Reply.JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw Rejection.invalidArgument("the body is empty");
            }
            return node;
        } catch (IOException e) {
            throw Rejection.invalidArgument("the body is not valid JSON");
        }
    }

    private static Reply methodNotAllowed(String method) {
        return Reply.error(405, "invalid_argument", method + " is not allowed here");
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(authorization, header.getBytes(StandardCharsets.UTF_8));
    }
}
