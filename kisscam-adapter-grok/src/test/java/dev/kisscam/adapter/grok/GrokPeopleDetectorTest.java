package dev.kisscam.adapter.grok;

import static dev.kisscam.adapter.grok.FakeXai.completion;
import static dev.kisscam.adapter.grok.FakeXai.peopleJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.testing.PeopleDetectorContract;
import dev.kisscam.core.testing.TestImages;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.stream.IntStream;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The people detector against a fake xAI on loopback, through OkHttp, the retries and the image pipeline. */
class GrokPeopleDetectorTest extends PeopleDetectorContract {
    private final FakeXai xai = new FakeXai();
    private final GrokAdapters adapters = xai.adapters();
    private final PeopleDetector detector = adapters.peopleDetector();

    @AfterEach
    void stop() {
        adapters.close();
        xai.close();
    }

    @Override
    protected PeopleDetector detectorThatSees(int people, boolean anyoneUnderage) {
        List<PersonBox> boxes = IntStream.range(0, people)
                .mapToObj(i -> new PersonBox(i / (double) people, 0.1, 1.0 / people, 0.8)).toList();
        xai.api.enqueue(completion(peopleJson(people, anyoneUnderage, boxes), 1_500_000));
        return detector;
    }

    @Override
    protected PeopleDetector detectorThatAnswersNonsense() {
        xai.api.enqueue(completion("{\"people\": \"two\"}", 1_500_000));
        return detector;
    }

    @Override
    protected PeopleDetector detectorWhoseServiceIsDown() {
        for (int i = 0; i < 3; i++) {
            xai.api.enqueue(FakeXai.grpcError(503, "Service unavailable", "The service is currently unavailable"));
        }
        return detector;
    }

    @Test
    void it_asks_the_vision_model_with_the_photo_as_a_jpeg_data_uri_and_a_strict_schema() {
        var boxes = List.of(new PersonBox(0.05, 0.1, 0.4, 0.8), new PersonBox(0.55, 0.1, 0.4, 0.8));
        xai.api.enqueue(completion(peopleJson(2, false, boxes), 2_345_000));

        PeopleCount count = detector.detect(storedPhoto(), media);

        assertThat(count.people()).isEqualTo(2);
        assertThat(count.boxes()).containsExactlyElementsOf(boxes);
        assertThat(count.spend()).isEqualTo(new Spend("grok-4.3", 2_345_000));

        RecordedRequest request = xai.takeApi();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeXai.KEY);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).matches("kisscam/\\d+\\.\\d+\\.\\d+.*");

        JsonNode body = FakeXai.json(request);
        assertThat(body.path("model").asText()).isEqualTo("grok-4.3");
        JsonNode message = body.path("messages").path(0);
        assertThat(message.path("role").asText()).isEqualTo("user");
        JsonNode image = message.path("content").path(0);
        assertThat(image.path("type").asText()).isEqualTo("image_url");
        assertThat(image.path("image_url").path("detail").asText()).isEqualTo("high");
        BufferedImage sent = TestPhotos.fromDataUri(image.path("image_url").path("url").asText());
        assertThat(sent.getWidth()).isEqualTo(640);
        assertThat(sent.getHeight()).isEqualTo(480);
        assertThat(message.path("content").path(1).path("text").asText()).contains("under 18", "fractions");

        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        JsonNode schema = format.path("json_schema").path("schema");
        assertThat(schema.path("required")).extracting(JsonNode::asText)
                .containsExactly("people", "anyone_looks_under_18", "boxes");
        assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
        assertThat(schema.path("properties").path("boxes").path("items").path("required")).extracting(JsonNode::asText)
                .containsExactly("left", "top", "width", "height");
    }

    @Test
    void a_photo_larger_than_telegram_makes_is_scaled_down_to_the_configured_long_side_keeping_its_aspect() {
        Photo photo = TestPhotos.store(media, TestImages.jpeg(3000, 1500, 7), ImageFormat.JPEG, 3000, 1500);
        xai.api.enqueue(completion(peopleJson(0, false, List.of()), 1));

        detector.detect(photo, media);

        BufferedImage sent = sentImage(xai.takeApi());
        assertThat(sent.getWidth()).isEqualTo(1280);
        assertThat(sent.getHeight()).isEqualTo(640);
    }

    @Test
    void a_photo_is_turned_upright_by_its_exif_orientation_before_it_is_sent() {
        // Stored 64x32, red left and blue right; orientation 6 means "turn 90 degrees clockwise to view".
        byte[] file = TestPhotos.withExifOrientation(
                TestPhotos.jpeg(TestPhotos.halves(64, 32, TestPhotos.RED, TestPhotos.BLUE)), 6);
        Photo photo = TestPhotos.store(media, file, ImageFormat.JPEG, 64, 32);
        xai.api.enqueue(completion(peopleJson(0, false, List.of()), 1));

        detector.detect(photo, media);

        BufferedImage sent = sentImage(xai.takeApi());
        assertThat(sent.getWidth()).isEqualTo(32);
        assertThat(sent.getHeight()).isEqualTo(64);
        assertThat(TestPhotos.near(sent, 16, 8, TestPhotos.RED)).as("the stored left side is now on top").isTrue();
        assertThat(TestPhotos.near(sent, 16, 56, TestPhotos.BLUE)).isTrue();
    }

    @Test
    void a_webp_photo_is_sent_as_a_jpeg_of_the_same_size_and_content() {
        for (var webp : List.of(new Object[] {TestPhotos.WEBP_LOSSLESS_40X24, 40, 24},
                new Object[] {TestPhotos.WEBP_LOSSY_64X48, 64, 48})) {
            int width = (int) webp[1];
            int height = (int) webp[2];
            Photo photo = TestPhotos.store(media, (byte[]) webp[0], ImageFormat.WEBP, width, height);
            xai.api.enqueue(completion(peopleJson(0, false, List.of()), 1));

            detector.detect(photo, media);

            BufferedImage sent = sentImage(xai.takeApi());
            assertThat(sent.getWidth()).isEqualTo(width);
            assertThat(sent.getHeight()).isEqualTo(height);
            assertThat(TestPhotos.near(sent, width / 4, height / 2, TestPhotos.RED)).isTrue();
            assertThat(TestPhotos.near(sent, width * 3 / 4, height / 2, TestPhotos.BLUE)).isTrue();
        }
    }

    @Test
    void a_cmyk_jpeg_is_sent_as_an_rgb_jpeg_with_its_colours() {
        Photo photo = TestPhotos.store(media, TestPhotos.cmykJpeg(40, 20), ImageFormat.JPEG, 40, 20);
        xai.api.enqueue(completion(peopleJson(0, false, List.of()), 1));

        detector.detect(photo, media);

        BufferedImage sent = sentImage(xai.takeApi());
        assertThat(sent.getColorModel().getNumComponents()).isEqualTo(3);
        assertThat(TestPhotos.near(sent, 8, 10, TestPhotos.RED)).isTrue();
        assertThat(TestPhotos.near(sent, 32, 10, TestPhotos.BLUE)).isTrue();
    }

    @Test
    void a_photo_no_reader_can_decode_is_refused_without_calling_xai() {
        Photo photo = TestPhotos.store(media, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3},
                ImageFormat.JPEG, 640, 480);

        assertThatThrownBy(() -> detector.detect(photo, media))
                .isInstanceOfSatisfying(PeopleDetectionException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.REJECTED_INPUT));
        assertThat(xai.api.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all",
        "{\"people\": -1, \"anyone_looks_under_18\": false, \"boxes\": []}",
        "{\"people\": 1.5, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0,\"top\":0,\"width\":0.5,\"height\":0.5}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": \"no\", \"boxes\": [{\"left\":0,\"top\":0,\"width\":0.5,\"height\":0.5}]}",
        "{\"people\": 2, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0,\"top\":0,\"width\":0.5,\"height\":0.5}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0.8,\"top\":0,\"width\":0.5,\"height\":0.5}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":-0.1,\"top\":0,\"width\":0.5,\"height\":0.5}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0.1,\"top\":0,\"width\":1.5,\"height\":0.5}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0.1,\"top\":0,\"width\":0,\"height\":0.5}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0.1,\"top\":0,\"width\":0.2}]}",
        "{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": [{\"left\":0.1,\"top\":0,\"width\":0.2,\"height\":0.5,\"score\":1}]}",
        "{\"people\": 0, \"anyone_looks_under_18\": false}",
        "{\"people\": 0, \"anyone_looks_under_18\": false, \"boxes\": [], \"confidence\": 0.9}",
        "{\"people\": 0, \"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": []}",
        "{\"people\": 0, \"anyone_looks_under_18\": false, \"boxes\": []} trailing",
        "[0, false, []]"
    })
    void a_malformed_answer_is_an_invalid_response_and_is_not_asked_again(String content) {
        xai.api.enqueue(completion(content, 1));

        assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                .isInstanceOfSatisfying(PeopleDetectionException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<html>Bad gateway</html>", "{\"choices\": []}", "{\"choices\": [{\"message\": {\"content\": null}}]}"})
    void an_answer_that_is_not_a_completion_is_an_invalid_response(String body) {
        xai.api.enqueue(FakeXai.json(200, body));

        assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                .isInstanceOfSatisfying(PeopleDetectionException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
    }

    @Test
    void a_box_that_overshoots_the_edge_by_rounding_only_is_trimmed_to_the_photo() {
        xai.api.enqueue(completion("{\"people\": 1, \"anyone_looks_under_18\": false, \"boxes\": "
                + "[{\"left\":0.6,\"top\":0.2,\"width\":0.4000000001,\"height\":0.8}]}", 1));

        PersonBox box = detector.detect(storedPhoto(), media).boxes().getFirst();

        assertThat(box.left() + box.width()).isLessThanOrEqualTo(1.0);
        assertThat(box.width()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void a_model_that_declines_to_look_refuses_the_input() {
        xai.api.enqueue(FakeXai.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":null,\"refusal\":\"I can't help with that image.\"}}],\"usage\":{\"cost_in_usd_ticks\":5}}"));

        assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                .isInstanceOfSatisfying(PeopleDetectionException.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.REJECTED_INPUT);
                    assertThat(e.getMessage()).contains("I can't help with that image.");
                });
    }

    @Test
    void an_answer_without_a_cost_still_counts_and_is_booked_as_zero() {
        xai.api.enqueue(FakeXai.json(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
                + FakeXai.JSON.valueToTree(peopleJson(0, false, List.of())) + "}}]}"));

        assertThat(detector.detect(storedPhoto(), media).spend()).isEqualTo(Spend.none("grok-4.3"));
    }

    @Test
    void a_server_error_is_retried_and_the_second_answer_counts() {
        xai.api.enqueue(FakeXai.json(500, "{\"code\":\"Internal error\",\"error\":\"try again\"}"));
        xai.api.enqueue(completion(peopleJson(1, true, List.of(new PersonBox(0.2, 0.1, 0.5, 0.8))), 7));

        PeopleCount count = detector.detect(storedPhoto(), media);

        assertThat(count.people()).isEqualTo(1);
        assertThat(count.anyoneLooksUnderage()).isTrue();
        assertThat(xai.api.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_vision_answer_slower_than_the_read_timeout_is_asked_again_since_asking_creates_nothing() {
        xai.api.enqueue(FakeXai.silence());
        xai.api.enqueue(completion(peopleJson(2, false, List.of(new PersonBox(0, 0, 0.5, 1), new PersonBox(0.5, 0, 0.5, 1))), 3));
        try (GrokAdapters quick = GrokAdapters.create(xai.config().timeouts(FakeXai.IMPATIENT).build())) {

            assertThat(quick.peopleDetector().detect(storedPhoto(), media).people()).isEqualTo(2);
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_service_still_failing_after_every_attempt_is_unavailable_after_exactly_the_configured_attempts() {
        detectorWhoseServiceIsDown();

        assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                .isInstanceOfSatisfying(PeopleDetectionException.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("503", "The service is currently unavailable");
                });
        assertThat(xai.api.getRequestCount()).isEqualTo(3);
    }

    @Test
    void refusals_of_our_key_or_credits_are_access_denied_not_retried_and_logged_as_errors() {
        List<MockResponse> refusals = List.of(
                FakeXai.grpcError(400, "Client specified an invalid argument",
                        "Incorrect API key provided: xa***77. You can obtain an API key from https://console.x.ai."),
                FakeXai.openAiError(401, "Invalid authentication", "authentication_error", "invalid_api_key"),
                FakeXai.grpcError(403, "Some resource has been exhausted",
                        "Your team has either used all available credits or reached its monthly spending limit."),
                FakeXai.bareError(404, "The model grok-4.3 does not exist or your team does not have access to it."),
                FakeXai.grpcError(429, "Some resource has been exhausted", "Your team has reached its monthly spending limit."));
        try (var logs = new LogRecorder()) {
            for (MockResponse refusal : refusals) {
                xai.api.enqueue(refusal);
                int before = xai.api.getRequestCount();

                assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                        .isInstanceOfSatisfying(PeopleDetectionException.class,
                                e -> assertThat(e.fault()).isEqualTo(ProviderFault.ACCESS_DENIED));
                assertThat(xai.api.getRequestCount() - before).isEqualTo(1);
            }
            assertThat(logs.lines(java.util.logging.Level.SEVERE)).hasSize(refusals.size())
                    .allSatisfy(line -> assertThat(line).contains("operator must act"));
        }
    }

    @Test
    void the_three_error_shapes_all_reach_the_message() {
        List<MockResponse> shapes = List.of(
                FakeXai.grpcError(422, "Client specified an invalid argument", "image_url: invalid data URI"),
                FakeXai.openAiError(422, "image_url: invalid data URI", "invalid_request_error", "invalid_value"),
                FakeXai.bareError(422, "image_url: invalid data URI"));
        for (MockResponse shape : shapes) {
            xai.api.enqueue(shape);

            assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                    .isInstanceOfSatisfying(PeopleDetectionException.class, e -> {
                        assertThat(e.fault()).isEqualTo(ProviderFault.REJECTED_INPUT);
                        assertThat(e.getMessage()).contains("422", "image_url: invalid data URI");
                    });
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(3);
    }

    @Test
    void other_client_errors_refuse_the_input_without_a_retry() {
        for (int status : new int[] {400, 415, 422}) {
            xai.api.enqueue(FakeXai.grpcError(status, "Client specified an invalid argument", "bad field"));
        }
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                    .isInstanceOfSatisfying(PeopleDetectionException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.REJECTED_INPUT));
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(3);
    }

    private static BufferedImage sentImage(RecordedRequest request) {
        return TestPhotos.fromDataUri(FakeXai.json(request).path("messages").path(0).path("content").path(0)
                .path("image_url").path("url").asText());
    }
}
