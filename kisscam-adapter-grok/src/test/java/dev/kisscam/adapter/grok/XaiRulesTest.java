package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake xAI refuses the submissions the documented API refuses, with xAI's statuses and an error body. */
class XaiRulesTest {
    private static final String IMAGE = "data:image/jpeg;base64,/9j/4AAQ";

    private final FakeXai xai = new FakeXai();
    private final OkHttpClient http = new OkHttpClient();

    @AfterEach
    void stop() {
        http.dispatcher().executorService().shutdown();
        xai.close();
    }

    @Test
    void a_submission_that_keeps_the_rules_gets_the_queued_answer() {
        xai.api.enqueue(FakeXai.submitted("req-ok"));
        xai.api.enqueue(FakeXai.submitted("req-ok-too"));

        assertThat(status(references(2, body -> { }))).isEqualTo(200);
        assertThat(status(oneImage(body -> body.put("model", "grok-imagine-video-1.5").put("resolution", "1080p")
                .put("duration", 15)))).isEqualTo(200);
    }

    @Test
    void each_documented_rule_is_enforced_and_takes_no_queued_answer() {
        xai.api.enqueue(FakeXai.submitted("must-stay-queued"));

        assertThat(status(references(2, body -> body.putObject("image").put("url", IMAGE)))).as("image and references")
                .isBetween(400, 422);
        assertThat(status(references(0, body -> { }))).as("no reference image").isEqualTo(422);
        assertThat(status(references(8, body -> { }))).as("eight reference images").isEqualTo(422);
        assertThat(status(references(2, body -> body.put("duration", 11)))).as("11 s of references").isEqualTo(422);
        assertThat(status(references(2, body -> body.put("model", "grok-imagine-video-1.5").put("resolution", "1080p"))))
                .as("references at 1080p").isEqualTo(422);
        assertThat(status(references(2, body -> body.put("prompt", "The person in <IMAGE_1> kisses someone"))))
                .as("<IMAGE_2> not named").isEqualTo(422);
        assertThat(status(oneImage(body -> body.put("prompt", "")))).as("empty prompt").isEqualTo(400);
        assertThat(status(oneImage(body -> body.put("resolution", "1080p")))).as("1080p on grok-imagine-video")
                .isEqualTo(422);
        assertThat(status(oneImage(body -> body.put("model", "grok-imagine-video-2")))).as("unknown model").isEqualTo(404);

        assertThat(status(oneImage(body -> { }))).as("the queued answer was left for this one").isEqualTo(200);
        assertThat(xai.rules.submissionNanos()).hasSize(10);
    }

    private static ObjectNode base() {
        return FakeXai.JSON.createObjectNode().put("model", "grok-imagine-video").put("prompt", "They kiss.")
                .put("duration", 6).put("resolution", "480p");
    }

    private static ObjectNode oneImage(Consumer<ObjectNode> change) {
        ObjectNode body = base();
        body.putObject("image").put("url", IMAGE);
        change.accept(body);
        return body;
    }

    private static ObjectNode references(int count, Consumer<ObjectNode> change) {
        ObjectNode body = base().put("prompt", "The person in <IMAGE_1> and the person in <IMAGE_2> kiss.");
        ArrayNode images = body.putArray("reference_images");
        for (int i = 0; i < count; i++) {
            images.addObject().put("url", IMAGE);
        }
        change.accept(body);
        return body;
    }

    private int status(ObjectNode body) {
        Request request = new Request.Builder().url(xai.api.url("/v1/videos/generations"))
                .post(RequestBody.create(body.toString(), MediaType.get("application/json"))).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                assertThat(ErrorBody.parse(response.body().bytes(), FakeXai.JSON).message()).as("an error body").isNotBlank();
            }
            return response.code();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
