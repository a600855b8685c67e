package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;

/**
 * The vision model behind {@code POST /v1/chat/completions}: it finds the one image in the question, counts
 * the people in it by {@link ScenePhotos}' palette and answers the structured JSON the people question's
 * schema asks for, nobody underage, one box per person side by side.
 */
final class SimulatedVision {
    /** Roughly what one photo and the question take, and what the short answer takes. */
    static final int PROMPT_TOKENS = 1_700;
    static final int COMPLETION_TOKENS = 60;
    /** grok-4.3's prices, $1.25 and $2.50 per million tokens, in ticks of 1e-10 USD per token. */
    static final long TICKS_PER_PROMPT_TOKEN = 12_500;
    static final long TICKS_PER_COMPLETION_TOKEN = 25_000;
    static final long TICKS_PER_QUESTION =
            PROMPT_TOKENS * TICKS_PER_PROMPT_TOKEN + COMPLETION_TOKENS * TICKS_PER_COMPLETION_TOKEN;

    private final AtomicInteger answered = new AtomicInteger();

    Reply answer(JsonNode question) {
        JsonNode model = question.path("model");
        if (!model.isTextual() || model.asText().isBlank()) {
            throw Rejection.invalidArgument("model is required");
        }
        int people = ScenePhotos.peopleIn(decode(DataUri.parse(imageUrl(question))));
        answered.incrementAndGet();
        return Reply.json(200, completion(model.asText(), peopleAnswer(people)));
    }

    int answered() {
        return answered.get();
    }

    /** The URL of the single image among the user messages' content parts. */
    private static String imageUrl(JsonNode question) {
        JsonNode messages = question.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw Rejection.invalidArgument("messages must be a non-empty array");
        }
        String found = null;
        for (JsonNode message : messages) {
            for (JsonNode part : message.path("content")) {
                JsonNode url = part.path("image_url").path("url");
                if ("image_url".equals(part.path("type").asText()) && url.isTextual()) {
                    if (found != null) {
                        throw Rejection.invalidArgument("this simulation looks at one image per question");
                    }
                    found = url.asText();
                }
            }
        }
        if (found == null) {
            throw Rejection.invalidArgument("the question carries no image_url part");
        }
        return found;
    }

    private static BufferedImage decode(DataUri image) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image.bytes()));
            if (decoded == null) {
                throw Rejection.invalidArgument("the image cannot be decoded as " + image.mediaType());
            }
            return decoded;
        } catch (IOException e) {
            throw Rejection.invalidArgument("the image cannot be decoded: " + e.getMessage());
        }
    }

    /** What the schema asks for: people side by side, each in a column of its own, well inside the photo. */
    private static String peopleAnswer(int people) {
        ObjectNode answer = Reply.JSON.createObjectNode().put("people", people).put("anyone_looks_under_18", false);
        ArrayNode boxes = answer.putArray("boxes");
        for (int person = 0; person < people; person++) {
            boxes.addObject()
                    .put("left", (person + 0.2) / people)
                    .put("top", 0.1)
                    .put("width", 0.6 / people)
                    .put("height", 0.8);
        }
        return answer.toString();
    }

    private static ObjectNode completion(String model, String content) {
        ObjectNode body = Reply.JSON.createObjectNode()
                .put("id", "chatcmpl-" + UUID.randomUUID())
                .put("object", "chat.completion")
                .put("created", Instant.now().getEpochSecond())
                .put("model", model);
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        body.putObject("usage")
                .put("prompt_tokens", PROMPT_TOKENS)
                .put("completion_tokens", COMPLETION_TOKENS)
                .put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS)
                .put("cost_in_usd_ticks", TICKS_PER_QUESTION);
        return body;
    }
}
