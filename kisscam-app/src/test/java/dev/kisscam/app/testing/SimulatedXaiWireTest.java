package dev.kisscam.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the simulated xAI puts on the wire, including what the adapter smooths over (empty bodies, headers). */
class SimulatedXaiWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(40);

    private final SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(600));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        xai.close();
        http.close();
    }

    @Test
    void a_running_generation_answers_202_with_growing_progress_or_no_body_then_200_done() throws Exception {
        String id = JSON.readTree(submit(submission()).body()).path("request_id").asText();
        List<HttpResponse<String>> running = new ArrayList<>();
        HttpResponse<String> poll = get("/v1/videos/" + id, SimulatedXai.apiKey());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (poll.statusCode() == 202 && System.nanoTime() < deadline) {
            running.add(poll);
            Thread.sleep(POLL_INTERVAL);
            poll = get("/v1/videos/" + id, SimulatedXai.apiKey());
        }

        assertThat(running).hasSizeGreaterThanOrEqualTo(3);
        List<Integer> progress = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            String body = running.get(i).body();
            if ((i + 1) % 3 == 0) {
                assertThat(body).as("poll %d of a running job", i + 1).isEmpty();
            } else {
                JsonNode pending = JSON.readTree(body);
                assertThat(pending.path("status").asText()).isEqualTo("pending");
                progress.add(pending.path("progress").asInt());
            }
        }
        assertThat(progress).isSorted().allSatisfy(p -> assertThat(p).isBetween(0, 99));
        assertThat(progress.getLast()).isGreaterThan(progress.getFirst());

        assertThat(poll.statusCode()).isEqualTo(200);
        JsonNode done = JSON.readTree(poll.body());
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("progress").asInt()).isEqualTo(100);
        assertThat(done.path("model").asText()).isEqualTo("grok-imagine-video");
        assertThat(done.path("usage").path("cost_in_usd_ticks").asLong()).as("4 s at $0.05").isEqualTo(2_000_000_000L);
        assertThat(done.path("video").path("duration").asInt()).isEqualTo(4);
        assertThat(done.path("video").path("respect_moderation").asBoolean()).isTrue();
        assertThat(done.path("video").path("url").asText()).endsWith("/files/" + id + ".mp4");
        var file = http.send(HttpRequest.newBuilder(URI.create(done.path("video").path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(xai.downloads()).isEqualTo(1);
    }

    @Test
    void a_video_is_not_served_before_its_generation_is_done_or_when_it_was_blocked() throws Exception {
        xai.generationTime(Duration.ofHours(1));
        String running = JSON.readTree(submit(submission()).body()).path("request_id").asText();
        xai.generationTime(Duration.ZERO);
        xai.blockNextGeneration();
        String blocked = JSON.readTree(submit(submission()).body()).path("request_id").asText();

        assertThat(get("/files/" + running + ".mp4", null).statusCode()).isEqualTo(404);
        assertThat(get("/files/" + blocked + ".mp4", null).statusCode()).isEqualTo(404);
        JsonNode finished = JSON.readTree(get("/v1/videos/" + blocked, SimulatedXai.apiKey()).body());
        assertThat(finished.path("video").path("respect_moderation").asBoolean()).isFalse();
        assertThat(finished.path("video").path("url").asText()).isEmpty();
        assertThat(xai.downloads()).isZero();
    }

    @Test
    void calls_without_the_key_get_401_without_using_up_a_fault_and_without_the_key_repeated() throws Exception {
        String wrongKey = "xai-someone-elses-key-0042";
        xai.failNext(1, 503);

        HttpResponse<String> missing = get("/v1/videos/any", null);
        HttpResponse<String> wrong = get("/v1/videos/any", wrongKey);
        HttpResponse<String> right = get("/v1/videos/any", SimulatedXai.apiKey());

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(missing.body()).path("code").asText()).isEqualTo("unauthenticated");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain(wrongKey);
        assertThat(right.statusCode()).as("the queued fault").isEqualTo(503);
        assertThat(get("/v1/videos/any", SimulatedXai.apiKey()).statusCode()).as("an unknown request id").isEqualTo(404);
    }

    @Test
    void faults_answer_in_order_with_grpc_shaped_bodies_and_spare_the_file_host() throws Exception {
        String id = JSON.readTree(submit(submission()).body()).path("request_id").asText();
        xai.failNext(1, 429);
        xai.failNext(1, 500);
        xai.failNext(1, 503);

        HttpResponse<String> limited = get("/v1/videos/" + id, SimulatedXai.apiKey());
        assertThat(get("/files/" + id + ".mp4", null).statusCode()).as("the file host does not take faults").isEqualTo(404);
        HttpResponse<String> internal = get("/v1/videos/" + id, SimulatedXai.apiKey());
        HttpResponse<String> unavailable = submit(submission());

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
        assertThat(JSON.readTree(limited.body()).path("code").asText()).isEqualTo("resource_exhausted");
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(JSON.readTree(internal.body()).path("code").asText()).isEqualTo("internal");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.body()).path("code").asText()).isEqualTo("unavailable");
        assertThat(JSON.readTree(unavailable.body()).path("error").asText()).isNotBlank();
        assertThat(xai.submissions()).as("the failed submission was not accepted").isEqualTo(1);
    }

    @Test
    void malformed_submissions_are_refused_and_not_counted() throws Exception {
        ObjectNode noPrompt = submission();
        noPrompt.remove("prompt");
        ObjectNode misspelt = submission().put("durration", 6);
        ObjectNode tooLong = submission().put("duration", 20);
        ObjectNode notAnImage = submission();
        notAnImage.putObject("image").put("url", "data:image/jpeg;base64,"
                + Base64.getEncoder().encodeToString("%PDF-1.7".getBytes()));

        for (ObjectNode body : List.of(noPrompt, misspelt, tooLong, notAnImage)) {
            HttpResponse<String> refused = submit(body);
            assertThat(refused.statusCode()).as(body.toString().substring(0, 60)).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("code").asText()).isEqualTo("invalid_argument");
        }
        HttpResponse<String> asText = http.send(HttpRequest.newBuilder(endpoint("/v1/videos/generations"))
                .header("Authorization", "Bearer " + SimulatedXai.apiKey())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(submission().toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asText.statusCode()).isEqualTo(415);
        assertThat(xai.submissions()).isZero();
    }

    @Test
    void a_question_without_an_image_is_refused_and_not_counted() throws Exception {
        ObjectNode question = JSON.createObjectNode().put("model", "grok-4.3");
        question.putArray("messages").addObject().put("role", "user").put("content", "how many people?");

        HttpResponse<String> refused = post("/v1/chat/completions", question);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("image_url");
        assertThat(xai.peopleQuestions()).isZero();
    }

    @Test
    void close_stops_the_server_at_once() throws Exception {
        assertThat(get("/v1/videos/any", SimulatedXai.apiKey()).statusCode()).isEqualTo(404);
        long before = System.nanoTime();

        xai.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(2));
        try (HttpClient fresh = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(endpoint("/v1/videos/any")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
        }
    }

    // ---- helpers ----

    /** A valid submission of a four-second video of a scene photo of two people. */
    private static ObjectNode submission() {
        ObjectNode body = JSON.createObjectNode().put("model", "grok-imagine-video").put("prompt", "They kiss.");
        body.putObject("image").put("url",
                "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(ScenePhotos.jpeg(2, 64, 48)));
        return body.put("duration", 4).put("aspect_ratio", "4:3").put("resolution", "480p");
    }

    private HttpResponse<String> submit(ObjectNode body) throws Exception {
        return post("/v1/videos/generations", body);
    }

    private HttpResponse<String> post(String path, ObjectNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(endpoint(path))
                .header("Authorization", "Bearer " + SimulatedXai.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI endpoint(String path) {
        return xai.baseUrl().resolve(path);
    }
}
