package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationStatus;
import java.io.IOException;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code GET /videos/{id}}. A 202 is running whatever its body says (it is often empty); a 200 has
 * finished or not by its {@code status}: {@code done} with a URL is ready, {@code done} with
 * {@code respect_moderation: false} was blocked, {@code failed} and {@code expired} failed, and any other
 * status is taken as still running, as xAI advises.
 */
final class VideoStatusAnswer {
    private static final System.Logger LOG = System.getLogger(VideoStatusAnswer.class.getName());
    /**
     * Failure codes that describe the provider's trouble rather than the input: a new submission may well
     * succeed. Unknown codes are not transient, since a new submission is paid for again.
     */
    static final Set<String> TRANSIENT_CODES = Set.of("internal_error", "internal", "unavailable",
            "service_unavailable", "deadline_exceeded", "timeout", "aborted");

    private VideoStatusAnswer() {
    }

    /**
     * @param configuredModel the model to book under when the answer names none
     * @param shot what the submission asked for, to price an answer that does not say what it cost
     */
    static GenerationStatus read(XaiClient.Answer answer, XaiClient client, String configuredModel, Shot shot) {
        if (answer.status() == 202) {
            return new GenerationStatus.Pending(progressOf(leniently(answer.body(), client)));
        }
        JsonNode body = client.parseObject(Endpoint.VIDEO, answer.body());
        JsonNode status = body.path("status");
        if (!status.isTextual()) {
            throw XaiFailure.invalidResponse(Endpoint.VIDEO, "a finished answer without a status");
        }
        Spend spend = spend(body, configuredModel, shot);
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

    /**
     * Booked under the model the answer names (the one that made it and billed it), at the cost it reports, or,
     * when it reports none, at that model's list price for the video's real duration.
     */
    private static Spend spend(JsonNode body, String configuredModel, Shot shot) {
        JsonNode named = body.path("model");
        String model = named.isTextual() && !named.asText().isBlank() ? named.asText().strip() : configuredModel;
        OptionalLong reported = Cost.reported(body);
        if (reported.isPresent()) {
            return new Spend(model, reported.getAsLong());
        }
        JsonNode duration = body.path("video").path("duration");
        int seconds = duration.isNumber() ? (int) Math.ceil(duration.doubleValue()) : 0;
        if (seconds <= 0) {
            return Spend.none(model);
        }
        Spend priced = VideoModel.named(model).filter(known -> known.offers(shot.resolution()))
                .map(known -> known.price(shot.resolution(), seconds, shot.inputImages()))
                .orElse(Spend.none(model));
        LOG.log(System.Logger.Level.WARNING, "xAI video answered without a readable usage.cost_in_usd_ticks; booked "
                + "{0} USD from the price list ({1} s of {2} at {3})", priced.usd(), seconds, model, shot.resolution());
        return priced;
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
