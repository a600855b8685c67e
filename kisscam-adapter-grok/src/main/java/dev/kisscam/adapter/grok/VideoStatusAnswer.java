package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationStatus;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;

/**
 * Reads {@code GET /videos/{id}}. A 202 is running whatever its body says (it is often empty); a 200 has
 * finished or not by its {@code status}: {@code done} with a URL is ready, {@code done} with
 * {@code respect_moderation: false} was blocked, {@code failed} and {@code expired} failed, and any other
 * status is taken as still running, as xAI advises.
 */
final class VideoStatusAnswer {
    /**
     * Failure codes that describe the provider's trouble rather than the input: a new submission may well
     * succeed. Unknown codes are not transient, since a new submission is paid for again.
     */
    static final Set<String> TRANSIENT_CODES = Set.of("internal_error", "internal", "unavailable",
            "service_unavailable", "deadline_exceeded", "timeout", "aborted");

    private VideoStatusAnswer() {
    }

    static GenerationStatus read(XaiClient.Answer answer, XaiClient client, String model) {
        if (answer.status() == 202) {
            return new GenerationStatus.Pending(progressOf(leniently(answer.body(), client)));
        }
        JsonNode body = client.parseObject(Endpoint.VIDEO, answer.body());
        JsonNode status = body.path("status");
        if (!status.isTextual()) {
            throw XaiFailure.invalidResponse(Endpoint.VIDEO, "a finished answer without a status");
        }
        Spend spend = Cost.of(body, model, Endpoint.VIDEO);
        Secrets secrets = client.secrets();
        return switch (status.asText().toLowerCase(Locale.ROOT)) {
            case "done" -> done(body, spend);
            case "failed" -> {
                String code = code(body, secrets, "unknown");
                yield new GenerationStatus.Failed(code, message(body, secrets, "the provider gave no reason"),
                        false, TRANSIENT_CODES.contains(code), spend);
            }
            case "expired" -> new GenerationStatus.Failed(code(body, secrets, "expired"),
                    message(body, secrets, "the provider let the generation expire"), true, true, spend);
            default -> new GenerationStatus.Pending(progressOf(body));
        };
    }

    private static GenerationStatus done(JsonNode body, Spend spend) {
        JsonNode video = body.path("video");
        if (video.path("respect_moderation").isBoolean() && !video.path("respect_moderation").booleanValue()) {
            return new GenerationStatus.Blocked("the provider's moderation blocked the video", spend);
        }
        JsonNode url = video.path("url");
        if (!url.isTextual() || url.asText().isBlank()) {
            throw XaiFailure.invalidResponse(Endpoint.VIDEO, "done, but without a video URL");
        }
        return new GenerationStatus.Ready(url.asText(), spend);
    }

    /** The provider's code in one spelling: {@code Internal error} and {@code internal_error} are the same. */
    private static String code(JsonNode body, Secrets secrets, String otherwise) {
        JsonNode code = body.path("error").path("code");
        if (!code.isValueNode() || code.asText().isBlank()) {
            return otherwise;
        }
        return secrets.redact(code.asText()).strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9*]+", "_");
    }

    private static String message(JsonNode body, Secrets secrets, String otherwise) {
        JsonNode error = body.path("error");
        JsonNode message = error.isTextual() ? error : error.path("message");
        return message.isValueNode() && !message.asText().isBlank() ? secrets.redact(message.asText().strip()) : otherwise;
    }

    /** A running job's body is only a hint: read it if it is JSON, else take it as saying nothing. */
    private static JsonNode leniently(byte[] body, XaiClient client) {
        try {
            JsonNode node = client.json().readTree(body);
            return node == null ? client.json().missingNode() : node;
        } catch (IOException e) {
            return client.json().missingNode();
        }
    }

    private static int progressOf(JsonNode body) {
        JsonNode progress = body.path("progress");
        return progress.isNumber() ? Math.clamp(Math.round(progress.doubleValue()), 0, 100) : 0;
    }
}
