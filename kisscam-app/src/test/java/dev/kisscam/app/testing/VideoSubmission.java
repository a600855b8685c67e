package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Set;

/**
 * A {@code POST /v1/videos/generations} body that passed the checks the documented API makes, with what the
 * simulation needs from it. Unknown fields are refused so that a misspelt field in the adapter shows up here
 * instead of being silently ignored.
 *
 * @param body the request as sent, for tests that look at what the adapter asked for, except that an inline
 *     image is replaced by its size: a benchmark's thousand jobs would otherwise keep a thousand photos
 */
record VideoSubmission(String model, int durationSeconds, JsonNode body) {
    /** The documented default when a submission names no duration. */
    static final int DEFAULT_DURATION_SECONDS = 8;
    static final Set<String> FIELDS = Set.of("model", "prompt", "image", "reference_images", "duration",
            "aspect_ratio", "resolution", "generate_audio", "user");
    static final Set<String> ASPECT_RATIOS = Set.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3");
    static final Set<String> RESOLUTIONS = Set.of("480p", "720p", "1080p");
    static final int MAX_REFERENCE_IMAGES = 7;
    static final int REFERENCE_MAX_DURATION_SECONDS = 10;

    VideoSubmission {
        body = body.deepCopy();
    }

    static VideoSubmission parse(JsonNode body) {
        if (!body.isObject()) {
            throw Rejection.invalidArgument("the body must be a JSON object");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw Rejection.invalidArgument("unknown field " + name);
            }
        }
        String model = requiredText(body, "model");
        String prompt = requiredText(body, "prompt");
        optionalOneOf(body, "aspect_ratio", ASPECT_RATIOS);
        optionalOneOf(body, "resolution", RESOLUTIONS);
        int duration = duration(body);
        ObjectNode remembered = body.deepCopy();
        if (body.has("reference_images")) {
            references(body, prompt, duration, remembered);
        } else {
            ((ObjectNode) remembered.get("image")).put("url", image(body));
        }
        return new VideoSubmission(model, duration, remembered);
    }

    /**
     * Checks {@code reference_images}: 1 to 7 images, not combined with {@code image}, each named in the prompt
     * as {@code <IMAGE_n>}, at most 10 s and 720p. Each is remembered like an {@code image}.
     */
    private static void references(JsonNode body, String prompt, int duration, ObjectNode remembered) {
        JsonNode references = body.path("reference_images");
        if (body.has("image")) {
            throw Rejection.invalidArgument("image and reference_images cannot be combined");
        }
        if (!references.isArray() || references.isEmpty() || references.size() > MAX_REFERENCE_IMAGES) {
            throw new Rejection(422, "invalid_value", "reference_images takes 1 to " + MAX_REFERENCE_IMAGES + " images");
        }
        if (duration > REFERENCE_MAX_DURATION_SECONDS || "1080p".equals(body.path("resolution").asText())) {
            throw new Rejection(422, "invalid_value", "with reference_images at most 10 s and 720p");
        }
        for (int i = 0; i < references.size(); i++) {
            if (!prompt.contains("<IMAGE_" + (i + 1) + ">")) {
                throw new Rejection(422, "invalid_value", "the prompt must name <IMAGE_" + (i + 1) + ">");
            }
            ((ArrayNode) remembered.get("reference_images")).set(i, remembered.objectNode().put("url", url(references.get(i))));
        }
    }

    /**
     * Checks {@code image} (or one reference image): a data URI or a public URL. Returns the URL to remember: a
     * public one as it is, a data URI as its type and size.
     */
    private static String image(JsonNode body) {
        return url(body.path("image"));
    }

    private static String url(JsonNode image) {
        JsonNode url = image.path("url");
        if (!url.isTextual()) {
            throw Rejection.invalidArgument("image.url is required");
        }
        String text = url.asText();
        if (text.startsWith("https://") || text.startsWith("http://")) {
            return text;
        }
        DataUri inline = DataUri.parse(text);
        return "data:" + inline.mediaType() + ";base64,(" + inline.bytes().length + " bytes, not kept)";
    }

    private static int duration(JsonNode body) {
        JsonNode duration = body.path("duration");
        if (duration.isMissingNode()) {
            return DEFAULT_DURATION_SECONDS;
        }
        if (!duration.isInt() || duration.intValue() < 1 || duration.intValue() > 15) {
            throw Rejection.invalidArgument("duration must be a whole number of seconds, 1..15");
        }
        return duration.intValue();
    }

    private static String requiredText(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw Rejection.invalidArgument(field + " is required");
        }
        return value.asText();
    }

    private static void optionalOneOf(JsonNode body, String field, Set<String> allowed) {
        JsonNode value = body.path(field);
        if (!value.isMissingNode() && !allowed.contains(value.asText())) {
            throw Rejection.invalidArgument(field + " must be one of " + allowed);
        }
    }
}
