package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;

/**
 * The fake xAI's gate for video submissions: refuses what the documented API refuses, with the status and the
 * error body xAI sends, before anything queued (or the dispatcher a test gave) answers. A submission it refuses
 * takes no queued answer. It also notes when each submission arrived.
 */
final class XaiRules extends QueueDispatcher {
    static final String GENERATIONS = "/v1/videos/generations";
    /** Each model and the resolutions it offers. */
    static final Map<String, Set<String>> MODELS = Map.of(
            "grok-imagine-video", Set.of("480p", "720p"),
            "grok-imagine-video-1.5", Set.of("480p", "720p", "1080p"),
            "grok-imagine-video-1.5-lite", Set.of("480p", "720p"));
    static final int MAX_REFERENCE_IMAGES = 7;
    static final int REFERENCE_MAX_DURATION = 10;

    private final List<Long> submissionNanos = new CopyOnWriteArrayList<>();
    private volatile Dispatcher answering;

    /** From now on {@code dispatcher} answers what passes, instead of the queue. */
    void answerWith(Dispatcher dispatcher) {
        answering = dispatcher;
    }

    /** {@link System#nanoTime()} at each submission's arrival, valid or not, in order. */
    List<Long> submissionNanos() {
        return List.copyOf(submissionNanos);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if ("POST".equals(request.getMethod()) && GENERATIONS.equals(request.getUrl().encodedPath())) {
            submissionNanos.add(System.nanoTime());
            MockResponse refusal = refusal(request);
            if (refusal != null) {
                return refusal;
            }
        }
        Dispatcher delegate = answering;
        return delegate == null ? super.dispatch(request) : delegate.dispatch(request);
    }

    @Override
    public MockResponse peek() {
        Dispatcher delegate = answering;
        return delegate == null ? super.peek() : delegate.peek();
    }

    /** What xAI answers a submission that breaks its documented rules; null for one that keeps them. */
    static MockResponse refusal(RecordedRequest request) {
        JsonNode body;
        try {
            body = FakeXai.JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            return invalid(400, "the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            return invalid(400, "the body must be a JSON object");
        }
        String model = body.path("model").asText("");
        if (!MODELS.containsKey(model)) {
            return FakeXai.grpcError(404, "Some requested entity was not found",
                    "The model " + model + " does not exist or your team does not have access to it.");
        }
        String prompt = body.path("prompt").asText("");
        if (prompt.isBlank()) {
            return invalid(400, "prompt must not be empty");
        }
        String resolution = body.path("resolution").asText("480p");
        if (!MODELS.get(model).contains(resolution)) {
            return unprocessable("resolution " + resolution + " is not supported by " + model);
        }
        int duration = body.path("duration").asInt(8);
        if (duration < 1 || duration > 15) {
            return unprocessable("duration must be between 1 and 15");
        }
        JsonNode references = body.path("reference_images");
        if (references.isMissingNode()) {
            return imageUrl(body.path("image")) ? null : unprocessable("image.url must be a data URI or a URL");
        }
        if (body.has("image")) {
            return invalid(400, "image and reference_images cannot be combined");
        }
        if (!references.isArray() || references.isEmpty() || references.size() > MAX_REFERENCE_IMAGES) {
            return unprocessable("reference_images takes 1 to " + MAX_REFERENCE_IMAGES + " images");
        }
        for (JsonNode reference : references) {
            if (!imageUrl(reference)) {
                return unprocessable("reference_images[].url must be a data URI or a URL");
            }
        }
        if (duration > REFERENCE_MAX_DURATION || resolution.equals("1080p")) {
            return unprocessable("with reference_images the duration is at most 10 s and the resolution at most 720p");
        }
        for (int i = 1; i <= references.size(); i++) {
            if (!prompt.contains("<IMAGE_" + i + ">")) {
                return unprocessable("the prompt must refer to each reference image as <IMAGE_n>; <IMAGE_" + i + "> is missing");
            }
        }
        return null;
    }

    private static boolean imageUrl(JsonNode image) {
        String url = image.path("url").asText("");
        return url.startsWith("data:image/") || url.startsWith("https://") || url.startsWith("http://");
    }

    private static MockResponse invalid(int status, String error) {
        return FakeXai.grpcError(status, "Client specified an invalid argument", error);
    }

    private static MockResponse unprocessable(String error) {
        return FakeXai.openAiError(422, error, "invalid_request_error", "invalid_value");
    }
}
