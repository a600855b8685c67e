package dev.kisscam.adapter.grok;

import static dev.kisscam.adapter.grok.FakeXai.submitted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.testing.VideoGeneratorContract;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.jcodec.api.awt.AWTFrameGrab;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The video generator against a fake xAI API and a separate fake file host, both on loopback. */
class GrokVideoGeneratorTest extends VideoGeneratorContract {
    private static final long VIDEO_TICKS = 3_000_000_000L;

    private final FakeXai xai = new FakeXai();
    private final GrokAdapters adapters = xai.adapters();
    private final VideoGenerator generator = adapters.videoGenerator();
    private final GrokAdapters collage =
            GrokAdapters.create(xai.config().twoPhotoMode(GrokConfig.TwoPhotoMode.COLLAGE).build());

    @AfterEach
    void stop() {
        adapters.close();
        collage.close();
        xai.close();
    }

    @Override
    protected byte[] sampleVideo() {
        return Mp4Fixture.bytes();
    }

    @Override
    protected VideoGenerator generatorThatMakes(byte[] mp4) {
        xai.answerWith(new Jobs(ticket -> FakeXai.done(xai.videoUrl(ticket + ".mp4"), VIDEO_TICKS)));
        xai.files.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return FakeXai.mp4(mp4);
            }
        });
        return generator;
    }

    @Override
    protected VideoGenerator generatorBlockedByModeration() {
        xai.answerWith(new Jobs(ticket -> FakeXai.blockedByModeration(VIDEO_TICKS)));
        return generator;
    }

    @Override
    protected VideoGenerator generatorThatFails() {
        xai.answerWith(new Jobs(ticket -> FakeXai.failed("internal_error", "Video generation failed")));
        return generator;
    }

    @Override
    protected VideoGenerator generatorThatRefusesOurKey() {
        xai.api.enqueue(FakeXai.grpcError(400, "Client specified an invalid argument",
                "Incorrect API key provided: xa***d2. You can obtain an API key from https://console.x.ai."));
        return generator;
    }

    // ---- submit ----

    @Test
    void a_submission_sends_the_photo_prompt_duration_ratio_resolution_and_a_hashed_user() {
        xai.api.enqueue(submitted("req-123"));

        GenerationTicket ticket = generator.submit(onePhotoOfTwo(), media);

        assertThat(ticket).isEqualTo(new GenerationTicket("req-123"));
        RecordedRequest request = xai.takeApi();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/videos/generations");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeXai.KEY);
        assertThat(request.getHeaders().get("Content-Type")).isEqualTo("application/json");
        assertThat(request.getHeaders().get("User-Agent")).startsWith("kisscam/");
        JsonNode body = FakeXai.json(request);
        assertThat(body.path("model").asText()).isEqualTo("grok-imagine-video");
        assertThat(body.path("prompt").asText())
                .startsWith("The two people in this photo").contains(KissPrompt.RULES, StylePrompts.BUILT_IN.get("gentle"))
                .doesNotContain("<IMAGE_");
        assertThat(body.path("duration").isInt()).isTrue();
        assertThat(body.path("duration").asInt()).isEqualTo(6);
        assertThat(body.path("resolution").asText()).isEqualTo("480p");
        assertThat(body.path("aspect_ratio").asText()).isEqualTo("4:3");
        BufferedImage image = TestPhotos.fromDataUri(body.path("image").path("url").asText());
        assertThat(image.getWidth()).isEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(480);
        assertThat(body.path("user").asText()).matches("[0-9a-f]{64}").doesNotContain("test:1");
        assertThat(body.path("generate_audio").isBoolean()).isTrue();
        assertThat(body.path("generate_audio").booleanValue()).isTrue();
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("model", "prompt", "image", "duration",
                "aspect_ratio", "resolution", "generate_audio", "user");
    }

    @Test
    void the_user_hash_is_stable_per_requester_differs_between_requesters_and_depends_on_the_secret() {
        String first = userSentFor(generator, "telegram:42");
        String again = userSentFor(generator, "telegram:42");
        String other = userSentFor(generator, "telegram:43");
        try (GrokAdapters salted = GrokAdapters.create(xai.config().userHashSecret("another secret").build())) {
            String salt = userSentFor(salted.videoGenerator(), "telegram:42");

            assertThat(again).isEqualTo(first);
            assertThat(other).isNotEqualTo(first);
            assertThat(salt).isNotEqualTo(first);
        }
    }

    @Test
    void in_collage_mode_two_photos_of_one_person_become_one_picture_side_by_side_centred_on_each_person() {
        // Left: portrait 480x640, its person (red) in the middle. Right: landscape 640x480, its person (blue)
        // at 0.6..0.9 of the width, off-centre, so centring on the box is visible in the composite.
        var left = new JobPhoto(TestPhotos.storeJpeg(media, TestPhotos.personAt(480, 640, TestPhotos.RED, 0.3, 0.4)),
                List.of(new PersonBox(0.3, 0.1, 0.4, 0.8)));
        var right = new JobPhoto(TestPhotos.storeJpeg(media, TestPhotos.personAt(640, 480, TestPhotos.BLUE, 0.6, 0.3)),
                List.of(new PersonBox(0.6, 0.1, 0.3, 0.8)));
        xai.api.enqueue(submitted("req-two"));

        collage.videoGenerator().submit(
                new GenerationRequest(JobId.random(), new RequesterId("test:1"), List.of(left, right), Direction.DEFAULT), media);

        JsonNode body = FakeXai.json(xai.takeApi());
        BufferedImage picture = TestPhotos.fromDataUri(body.path("image").path("url").asText());
        // Height: the smaller photo's, 480. Each strip 3:4 of it, 360 wide; gap 2% of 480, rounded: 10.
        assertThat(picture.getWidth()).isEqualTo(360 + 10 + 360);
        assertThat(picture.getHeight()).isEqualTo(480);
        assertThat(body.path("aspect_ratio").asText()).isEqualTo("3:2");
        assertThat(body.path("prompt").asText()).startsWith("The two people shown side by side in this picture");
        assertThat(body.has("reference_images")).isFalse();
        assertThat(TestPhotos.near(picture, 180, 240, TestPhotos.RED)).as("left person in its strip's centre").isTrue();
        assertThat(TestPhotos.near(picture, 365, 240, SideBySide.GAP)).as("the gap").isTrue();
        assertThat(TestPhotos.near(picture, 370 + 180, 240, TestPhotos.BLUE)).as("right person in its strip's centre").isTrue();
        assertThat(TestPhotos.near(picture, 370 + 20, 240, TestPhotos.WHITE)).as("the right photo's left edge is cut").isTrue();
    }

    @Test
    void in_collage_mode_the_contracts_two_photos_compose_to_the_documented_size() {
        xai.api.enqueue(submitted("req-c"));

        collage.videoGenerator().submit(twoPhotosOfOne(), media);

        BufferedImage picture = TestPhotos.fromDataUri(FakeXai.json(xai.takeApi()).path("image").path("url").asText());
        assertThat(picture.getWidth()).isEqualTo(730);
        assertThat(picture.getHeight()).isEqualTo(480);
    }

    @Test
    void a_submission_answer_lost_to_a_read_timeout_is_unconfirmed_and_never_sent_twice() {
        xai.api.enqueue(FakeXai.silence());
        xai.api.enqueue(submitted("must-not-be-used"));
        try (GrokAdapters quick = GrokAdapters.create(xai.config().timeouts(FakeXai.IMPATIENT).build())) {

            assertThatThrownBy(() -> quick.videoGenerator().submit(onePhotoOfTwo(), media))
                    .isInstanceOfSatisfying(VideoGenerationException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.SUBMISSION_UNCONFIRMED));
        }
        assertThat(xai.takeApi().getUrl().encodedPath()).isEqualTo("/v1/videos/generations");
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    /** Every answer of this kind came from a server that had the whole submission and may have started it. */
    static List<MockResponse> serverTroubleAfterTheSubmissionArrived() {
        return List.of(
                FakeXai.grpcError(500, "Internal error", "Something went wrong"),
                FakeXai.openAiError(500, "The server had an error while processing your request", "server_error", "internal"),
                FakeXai.json(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
                FakeXai.grpcError(503, "Service unavailable", "The service is currently unavailable"),
                new MockResponse.Builder().code(503).build(),
                FakeXai.json(504, "upstream request timeout"),
                FakeXai.bareError(529, "The service is overloaded"),
                FakeXai.grpcError(408, "Deadline exceeded", "Request timed out"));
    }

    @ParameterizedTest
    @MethodSource("serverTroubleAfterTheSubmissionArrived")
    void a_submission_answered_408_or_any_5xx_is_unconfirmed_and_never_sent_twice(MockResponse answer) {
        xai.api.enqueue(answer);
        xai.api.enqueue(submitted("must-not-be-used"));

        assertThatThrownBy(() -> generator.submit(onePhotoOfTwo(), media))
                .isInstanceOfSatisfying(VideoGenerationException.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.SUBMISSION_UNCONFIRMED);
                    assertThat(e.getMessage()).contains(String.valueOf(answer.getCode()), "not sent again");
                });
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    @Test
    void an_accepted_submission_with_an_unreadable_answer_is_unconfirmed() {
        for (String answer : List.of("{\"request_id\":", "{}", "{\"request_id\": 17}")) {
            xai.api.enqueue(FakeXai.json(200, answer));

            assertThatThrownBy(() -> generator.submit(onePhotoOfTwo(), media))
                    .isInstanceOfSatisfying(VideoGenerationException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.SUBMISSION_UNCONFIRMED));
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(3);
    }

    @Test
    void the_same_server_errors_on_a_poll_are_retried_since_a_poll_creates_nothing() {
        xai.api.enqueue(FakeXai.grpcError(500, "Internal error", "Something went wrong"));
        xai.api.enqueue(FakeXai.grpcError(503, "Service unavailable", "The service is currently unavailable"));
        xai.api.enqueue(FakeXai.running(70));

        assertThat(generator.poll(new GenerationTicket("req-5xx"))).isEqualTo(new GenerationStatus.Pending(70));
        assertThat(xai.api.getRequestCount()).isEqualTo(3);
    }

    @Test
    void a_retry_after_longer_than_we_wait_is_the_cores_rate_limit_at_once_with_that_pause() {
        xai.api.enqueue(FakeXai.withRetryAfter(
                FakeXai.grpcError(429, "Some resource has been exhausted", "Too many requests"), "120"));
        xai.api.enqueue(submitted("must-not-be-used"));

        assertThatThrownBy(() -> generator.submit(onePhotoOfTwo(), media))
                .isInstanceOfSatisfying(VideoGenerationException.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(120));
                    assertThat(e.getMessage()).contains("429", "120 s");
                });
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_submission_that_cannot_connect_is_tried_the_configured_number_of_times_then_unavailable() {
        var attempts = new AtomicInteger();
        try (GrokAdapters unreachable = GrokAdapters.create(xai.config()
                .baseUrl(java.net.URI.create("http://127.0.0.1:" + FakeXai.closedPort() + "/v1")).build())) {
            unreachable.resilience().submissionRetry().getEventPublisher().onRetry(e -> attempts.incrementAndGet());

            assertThatThrownBy(() -> unreachable.videoGenerator().submit(onePhotoOfTwo(), media))
                    .isInstanceOfSatisfying(VideoGenerationException.class, e -> {
                        assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("could not reach");
                    });
        }
        assertThat(attempts.get()).as("retries after the first attempt").isEqualTo(2);
    }

    @Test
    void a_refused_submission_is_access_denied_or_rejected_input_and_never_retried() {
        xai.api.enqueue(FakeXai.grpcError(403, "Some resource has been exhausted",
                "Your team has either used all available credits or reached its monthly spending limit."));
        xai.api.enqueue(FakeXai.bareError(404, "The model grok-imagine-video does not exist"));
        xai.api.enqueue(FakeXai.json(415, "{\"code\":\"Client specified an invalid argument\",\"error\":\"Unsupported media type\"}"));
        xai.api.enqueue(FakeXai.openAiError(422, "duration: must be between 1 and 15", "invalid_request_error", "invalid_value"));

        List<ProviderFault> faults = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            try {
                generator.submit(onePhotoOfTwo(), media);
            } catch (VideoGenerationException e) {
                faults.add(e.fault());
            }
        }
        xai.api.enqueue(FakeXai.grpcError(429, "Some resource has been exhausted",
                "Your team has reached its monthly spending limit."));
        try {
            generator.submit(onePhotoOfTwo(), media);
        } catch (VideoGenerationException e) {
            faults.add(e.fault());
        }
        assertThat(faults).containsExactly(ProviderFault.ACCESS_DENIED, ProviderFault.ACCESS_DENIED,
                ProviderFault.REJECTED_INPUT, ProviderFault.REJECTED_INPUT, ProviderFault.ACCESS_DENIED);
        assertThat(xai.api.getRequestCount()).isEqualTo(5);
    }

    // ---- poll ----

    @Test
    void a_running_job_is_pending_with_its_progress_whether_or_not_the_202_has_a_body() {
        xai.api.enqueue(FakeXai.runningWithoutBody());
        xai.api.enqueue(FakeXai.running(24));
        xai.api.enqueue(FakeXai.json(202, "not json"));
        var ticket = new GenerationTicket("req-run");

        assertThat(generator.poll(ticket)).isEqualTo(new GenerationStatus.Pending(0));
        assertThat(generator.poll(ticket)).isEqualTo(new GenerationStatus.Pending(24));
        assertThat(generator.poll(ticket)).isEqualTo(new GenerationStatus.Pending(0));

        RecordedRequest request = xai.takeApi();
        assertThat(request.getMethod()).isEqualTo("GET");
        assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/videos/req-run");
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeXai.KEY);
    }

    @Test
    void a_finished_job_is_ready_at_its_url_with_its_cost() {
        xai.api.enqueue(FakeXai.done("https://vidgen.x.ai/abc/video.mp4", VIDEO_TICKS));

        assertThat(generator.poll(new GenerationTicket("req-done"))).isEqualTo(
                new GenerationStatus.Ready("https://vidgen.x.ai/abc/video.mp4", new Spend("grok-imagine-video", VIDEO_TICKS)));
    }

    @Test
    void a_job_done_without_respecting_moderation_is_blocked_with_its_cost() {
        xai.api.enqueue(FakeXai.blockedByModeration(VIDEO_TICKS));

        assertThat(generator.poll(new GenerationTicket("req-blocked")))
                .isInstanceOfSatisfying(GenerationStatus.Blocked.class,
                        blocked -> assertThat(blocked.spend()).isEqualTo(new Spend("grok-imagine-video", VIDEO_TICKS)));
    }

    @Test
    void failed_and_expired_jobs_carry_the_providers_code_and_message() {
        xai.api.enqueue(FakeXai.failed("internal_error", "Video generation failed"));
        xai.api.enqueue(FakeXai.failed("invalid_argument", "The image could not be used"));
        xai.api.enqueue(FakeXai.expired());
        var ticket = new GenerationTicket("req-f");
        Spend none = Spend.none("grok-imagine-video");

        assertThat(generator.poll(ticket)).isEqualTo(
                new GenerationStatus.Failed("internal_error", "Video generation failed", false, true, none));
        assertThat(generator.poll(ticket)).isEqualTo(
                new GenerationStatus.Failed("invalid_argument", "The image could not be used", false, false, none));
        assertThat(generator.poll(ticket)).isInstanceOfSatisfying(GenerationStatus.Failed.class, failed -> {
            assertThat(failed.expired()).isTrue();
            assertThat(failed.transientFailure()).isTrue();
            assertThat(failed.code()).isEqualTo("expired");
        });
    }

    @Test
    void an_unknown_status_is_still_pending() {
        xai.api.enqueue(FakeXai.json(200, "{\"status\":\"queued\",\"progress\":5}"));

        assertThat(generator.poll(new GenerationTicket("req-q"))).isEqualTo(new GenerationStatus.Pending(5));
    }

    @Test
    void a_malformed_finished_answer_is_an_invalid_response() {
        for (String body : List.of("{\"status\":\"done\"", "{\"video\":{}}", "{\"status\":\"done\",\"video\":{\"url\":\"\"}}")) {
            xai.api.enqueue(FakeXai.json(200, body));

            assertThatThrownBy(() -> generator.poll(new GenerationTicket("req-m")))
                    .isInstanceOfSatisfying(VideoGenerationException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
        }
    }

    @Test
    void a_poll_answered_404_is_a_failed_poll_not_an_expired_generation_and_is_not_repeated_inside_the_poll() {
        xai.api.enqueue(FakeXai.bareError(404, "Request not found"));
        xai.api.enqueue(FakeXai.running(40));
        try (var logs = new LogRecorder()) {

            assertThatThrownBy(() -> generator.poll(new GenerationTicket("req-gone")))
                    .isInstanceOfSatisfying(VideoGenerationException.class, e -> {
                        assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("404", "Request not found");
                    });
            assertThat(logs.lines(java.util.logging.Level.SEVERE)).as("nothing for an operator to do").isEmpty();
        }
        assertThat(xai.api.getRequestCount()).as("the core decides when to poll again").isEqualTo(1);
        assertThat(generator.poll(new GenerationTicket("req-gone"))).isEqualTo(new GenerationStatus.Pending(40));
    }

    @Test
    void a_poll_refused_with_401_or_403_is_access_denied_so_the_core_can_tell_it_apart() {
        xai.api.enqueue(FakeXai.openAiError(401, "Invalid authentication", "authentication_error", "invalid_api_key"));
        xai.api.enqueue(FakeXai.grpcError(403, "Permission denied", "The team has no access to this request"));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> generator.poll(new GenerationTicket("req-denied")))
                    .isInstanceOfSatisfying(VideoGenerationException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.ACCESS_DENIED));
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(2);
    }

    @Test
    void no_http_error_on_a_poll_is_ever_a_verdict_on_the_generation() {
        List<MockResponse> errors = List.of(FakeXai.bareError(404, "no such request"),
                FakeXai.grpcError(400, "Client specified an invalid argument", "bad id"),
                FakeXai.openAiError(410, "Gone", "invalid_request_error", "gone"),
                FakeXai.bareError(422, "bad id"));
        for (MockResponse error : errors) {
            xai.api.enqueue(error);

            assertThatThrownBy(() -> generator.poll(new GenerationTicket("req-e")))
                    .isInstanceOf(VideoGenerationException.class);
        }
        for (int i = 0; i < 3; i++) {
            xai.api.enqueue(FakeXai.grpcError(503, "Service unavailable", "try later"));
        }
        assertThatThrownBy(() -> generator.poll(new GenerationTicket("req-e")))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE));
    }

    @Test
    void a_poll_that_fails_on_the_way_is_retried_inside_one_poll() {
        xai.api.enqueue(FakeXai.json(502, "<html>Bad gateway</html>"));
        xai.api.enqueue(FakeXai.silence());
        xai.api.enqueue(FakeXai.running(60));
        try (GrokAdapters quick = GrokAdapters.create(xai.config().timeouts(FakeXai.IMPATIENT).build())) {

            assertThat(quick.videoGenerator().poll(new GenerationTicket("req-r"))).isEqualTo(new GenerationStatus.Pending(60));
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(3);
    }

    @Test
    void an_interrupted_poll_is_unavailable_and_keeps_the_interrupt() {
        xai.api.enqueue(FakeXai.running(10));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> generator.poll(new GenerationTicket("req-i")))
                    .isInstanceOfSatisfying(VideoGenerationException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE));
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void a_poll_interrupted_while_it_waits_for_the_answer_stops_at_once_and_keeps_the_interrupt() throws Exception {
        xai.api.enqueue(FakeXai.silence());
        xai.api.enqueue(FakeXai.running(10));
        var outcome = new java.util.concurrent.CompletableFuture<Throwable>();
        var stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread poller = Thread.ofVirtual().start(() -> {
            try {
                generator.poll(new GenerationTicket("req-wait"));
                outcome.complete(null);
            } catch (VideoGenerationException e) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                outcome.complete(e);
            }
        });
        xai.takeApi();

        poller.interrupt();

        assertThat(outcome.get(5, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOfSatisfying(
                VideoGenerationException.class, e -> assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE));
        assertThat(stillInterrupted).isTrue();
        assertThat(xai.api.getRequestCount()).as("no retry after an interrupt").isEqualTo(1);
    }

    @Test
    void the_polling_policy_is_the_configured_interval_and_timeout() {
        try (GrokAdapters custom = GrokAdapters.create(xai.config()
                .pollInterval(Duration.ofMillis(250)).generationTimeout(Duration.ofSeconds(90)).build())) {
            var policy = custom.videoGenerator().pollingPolicy();

            assertThat(policy.interval()).isEqualTo(Duration.ofMillis(250));
            assertThat(policy.timeout()).isEqualTo(Duration.ofSeconds(90));
        }
        assertThat(generator.pollingPolicy().interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(generator.pollingPolicy().timeout()).isEqualTo(Duration.ofSeconds(600));
    }

    // ---- download ----

    @Test
    void the_video_is_streamed_from_the_file_host_without_the_api_key_and_is_a_playable_mp4() throws Exception {
        byte[] mp4 = Mp4Fixture.bytes();
        xai.files.enqueue(FakeXai.mp4(mp4));

        byte[] downloaded;
        try (InputStream in = generator.openVideo(ready(xai.videoUrl("clip.mp4")))) {
            downloaded = in.readAllBytes();
        }

        assertThat(downloaded).isEqualTo(mp4);
        RecordedRequest request = xai.take(xai.files);
        assertThat(request.getUrl().encodedPath()).isEqualTo("/vids/clip.mp4");
        assertThat(request.getHeaders().get("Authorization")).isNull();
        assertThat(request.getHeaders().get("User-Agent")).startsWith("kisscam/");
        assertThat(xai.api.getRequestCount()).isZero();
        BufferedImage frame = AWTFrameGrab.getFrame(new ByteBufferSeekableByteChannel(
                java.nio.ByteBuffer.wrap(downloaded), downloaded.length), 0);
        assertThat(frame.getWidth()).isEqualTo(Mp4Fixture.WIDTH);
        assertThat(frame.getHeight()).isEqualTo(Mp4Fixture.HEIGHT);
    }

    @Test
    void a_download_failing_with_a_server_error_is_retried() throws Exception {
        xai.files.enqueue(FakeXai.json(503, "busy"));
        xai.files.enqueue(FakeXai.mp4(Mp4Fixture.bytes()));

        try (InputStream in = generator.openVideo(ready(xai.videoUrl("again.mp4")))) {
            assertThat(in.readAllBytes()).isEqualTo(Mp4Fixture.bytes());
        }
        assertThat(xai.files.getRequestCount()).isEqualTo(2);
    }

    @Test
    void a_file_that_is_not_an_mp4_fails_when_opened() {
        xai.files.enqueue(new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html")
                .body("<html><body>Access denied</body></html>").build());

        assertThatThrownBy(() -> generator.openVideo(ready(xai.videoUrl("fake.mp4"))))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
    }

    @Test
    void an_expired_video_url_is_an_invalid_response_not_an_access_problem() {
        xai.files.enqueue(FakeXai.json(403, "<Error><Code>AccessDenied</Code></Error>"));

        assertThatThrownBy(() -> generator.openVideo(ready(xai.videoUrl("old.mp4"))))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
        assertThat(xai.files.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_video_beyond_the_size_limit_fails_when_declared_and_while_streaming_when_not() throws IOException {
        byte[] large = new byte[8192];
        System.arraycopy(Mp4Fixture.bytes(), 0, large, 0, 8);
        try (GrokAdapters capped = GrokAdapters.create(xai.config().maxVideoBytes(4096).build())) {
            VideoGenerator small = capped.videoGenerator();
            xai.files.enqueue(FakeXai.mp4(large));
            xai.files.enqueue(new MockResponse.Builder().code(200)
                    .chunkedBody(new okio.Buffer().write(large), 1024).build());

            assertThatThrownBy(() -> small.openVideo(ready(xai.videoUrl("declared.mp4"))))
                    .isInstanceOfSatisfying(VideoGenerationException.class,
                            e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
            try (InputStream in = small.openVideo(ready(xai.videoUrl("chunked.mp4")))) {
                assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("4096");
            }
        }
    }

    @Test
    void a_plain_http_video_url_is_refused_when_the_api_is_https() {
        var client = new XaiClient(null, null, GrokConfig.defaults("k"), FakeXai.JSON, null, new Secrets("k"),
                java.time.Clock.systemUTC());
        var download = new VideoDownload(client, true, 1024);

        assertThatThrownBy(() -> download.open("http://vidgen.x.ai/video.mp4"))
                .isInstanceOfSatisfying(XaiFailure.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.INVALID_RESPONSE));
    }

    private static GenerationStatus.Ready ready(String url) {
        return new GenerationStatus.Ready(url, new Spend("grok-imagine-video", VIDEO_TICKS));
    }

    private String userSentFor(VideoGenerator target, String requester) {
        xai.api.enqueue(submitted("req-u"));
        target.submit(new GenerationRequest(JobId.random(), new RequesterId(requester), onePhotoOfTwo().photos(), Direction.DEFAULT), media);
        return FakeXai.json(xai.takeApi()).path("user").asText();
    }

    /**
     * A little xAI: a submission makes a ticket, whose polls answer 202 without a body, then 202 pending,
     * then whatever {@code finished} says.
     */
    private static final class Jobs extends Dispatcher {
        private final Function<String, MockResponse> finished;
        private final AtomicInteger submissions = new AtomicInteger();
        private final Map<String, AtomicInteger> polls = new ConcurrentHashMap<>();

        Jobs(Function<String, MockResponse> finished) {
            this.finished = finished;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            if (request.getMethod().equals("POST") && path.equals("/v1/videos/generations")) {
                String ticket = "req-" + submissions.incrementAndGet();
                polls.put(ticket, new AtomicInteger());
                return submitted(ticket);
            }
            String ticket = path.substring("/v1/videos/".length());
            AtomicInteger count = polls.get(ticket);
            if (!request.getMethod().equals("GET") || count == null) {
                return FakeXai.bareError(404, "no such request");
            }
            return switch (count.incrementAndGet()) {
                case 1 -> FakeXai.runningWithoutBody();
                case 2 -> FakeXai.running(50);
                default -> finished.apply(ticket);
            };
        }
    }

}
