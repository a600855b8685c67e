package dev.kisscam.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.adapter.grok.GrokAdapters;
import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.TestVideos;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The simulated xAI as the real Grok adapter sees it. */
class SimulatedXaiTest {
    private static final Duration GENERATION = Duration.ofMillis(200);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String VIDEO_MODEL = GrokConfig.DEFAULT_VIDEO_MODEL;
    /** Six seconds, the adapter's default duration, at $0.05 a second. */
    private static final long SIX_SECONDS_TICKS = 6 * 500_000_000L;

    private final SimulatedXai xai = SimulatedXai.start(GENERATION);
    private final InMemoryMediaStore media = new InMemoryMediaStore();
    private final List<GrokAdapters> opened = new ArrayList<>();
    private final GrokAdapters adapters = adapters(config());
    private final VideoGenerator generator = adapters.videoGenerator();

    @AfterEach
    void stop() {
        opened.forEach(GrokAdapters::close);
        xai.close();
    }

    // ---- people ----

    static List<Arguments> photos() {
        List<Arguments> photos = new ArrayList<>();
        for (int people = 0; people <= 2; people++) {
            photos.add(Arguments.of("jpeg", people, ImageFormat.JPEG, 640, 480, ScenePhotos.jpeg(people, 640, 480)));
            photos.add(Arguments.of("png", people, ImageFormat.PNG, 300, 400, ScenePhotos.png(people, 300, 400)));
            photos.add(Arguments.of("noisy 12 MP jpeg", people, ImageFormat.JPEG, 4000, 3000,
                    ScenePhotos.noisyJpeg(people, 4000, 3000, people)));
        }
        return photos;
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("photos")
    void the_vision_model_counts_the_people_a_scene_photo_shows(String kind, int people, ImageFormat format, int width,
            int height, byte[] file) {
        PeopleCount count = adapters.peopleDetector().detect(store(file, format, width, height), media);

        assertThat(count.people()).isEqualTo(people);
        assertThat(count.boxes()).hasSize(people);
        assertThat(count.anyoneLooksUnderage()).isFalse();
        assertThat(count.spend()).isEqualTo(new Spend(GrokConfig.DEFAULT_VISION_MODEL, SimulatedVision.TICKS_PER_QUESTION));
        assertThat(xai.peopleQuestions()).isEqualTo(1);
    }

    @Test
    void three_people_are_counted_in_boxes_side_by_side() {
        PeopleCount count = adapters.peopleDetector().detect(store(ScenePhotos.jpeg(3, 900, 600), ImageFormat.JPEG, 900, 600),
                media);

        assertThat(count.people()).isEqualTo(3);
        assertThat(count.boxes()).extracting(box -> box.centreX()).isSorted().doesNotHaveDuplicates();
    }

    // ---- videos ----

    @Test
    void a_generation_is_pending_until_its_time_has_passed_then_ready_with_the_mp4() throws IOException {
        xai.generationTime(Duration.ofSeconds(1));
        long before = System.nanoTime();
        GenerationTicket ticket = generator.submit(twoPeople(), media);

        assertThat(generator.poll(ticket)).isInstanceOf(GenerationStatus.Pending.class);
        GenerationStatus finished = pollUntilFinished(generator, ticket);

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(finished).isInstanceOfSatisfying(GenerationStatus.Ready.class, ready -> {
            assertThat(ready.location()).isEqualTo(xai.baseUrl().resolve("/files/" + ticket.value() + ".mp4").toString());
            assertThat(ready.spend()).isEqualTo(new Spend(VIDEO_MODEL, SIX_SECONDS_TICKS));
        });
        assertThat(xai.downloads()).isZero();
        try (InputStream video = generator.openVideo((GenerationStatus.Ready) finished)) {
            assertThat(video.readAllBytes()).isEqualTo(TestVideos.minimalMp4());
        }
        assertThat(xai.downloads()).isEqualTo(1);
    }

    @Test
    void submissions_are_counted_exactly_in_order_and_can_be_awaited_from_another_thread() throws Exception {
        List<GenerationTicket> tickets = new ArrayList<>();
        Thread submitter = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 3; i++) {
                tickets.add(generator.submit(twoPeople(), media));
            }
        });

        assertThat(xai.awaitSubmissions(3, PATIENCE)).isTrue();
        submitter.join();

        assertThat(xai.submissions()).isEqualTo(3);
        assertThat(xai.submittedRequestIds()).containsExactlyElementsOf(tickets.stream().map(GenerationTicket::value).toList())
                .doesNotHaveDuplicates();
        assertThat(xai.awaitSubmissions(4, Duration.ofMillis(50))).isFalse();
        JsonNode first = xai.submittedBody(tickets.getFirst().value()).orElseThrow();
        assertThat(first.path("prompt").asText()).contains("kiss");
        assertThat(first.path("duration").asInt()).isEqualTo(6);
        assertThat(first.path("image").path("url").asText()).matches("data:image/jpeg;base64,\\(\\d+ bytes, not kept\\)");
        assertThat(xai.submittedBody("no-such-request")).isEmpty();
    }

    @Test
    void a_rate_limit_answer_goes_to_the_core_at_once_and_the_next_submission_is_accepted() {
        xai.failNext(1, 429);

        // The account's pace is the core's to wait out (it holds the queue); the adapter does not retry it.
        assertThatThrownBy(() -> generator.submit(twoPeople(), media))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.RATE_LIMITED));
        GenerationTicket ticket = generator.submit(twoPeople(), media);

        assertThat(xai.submittedRequestIds()).containsExactly(ticket.value());
        assertThat(pollUntilFinished(generator, ticket)).isInstanceOf(GenerationStatus.Ready.class);
    }

    @Test
    void an_unavailable_answer_to_a_submission_is_unconfirmed_and_not_sent_again() {
        // A 503 does not prove the job was not created; sending again could pay twice.
        xai.failNext(1, 503);

        assertThatThrownBy(() -> generator.submit(twoPeople(), media))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.SUBMISSION_UNCONFIRMED));
        assertThat(xai.submissions()).isZero();
        assertThat(generator.submit(twoPeople(), media)).isNotNull();
        assertThat(xai.submissions()).isEqualTo(1);
    }

    @Test
    void faults_reach_the_vision_endpoint_too() {
        var impatient = adapters(config().retry(new GrokConfig.RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ofSeconds(2))));
        Photo photo = store(ScenePhotos.jpeg(1, 64, 64), ImageFormat.JPEG, 64, 64);
        xai.failNext(1, 500);

        assertThatThrownBy(() -> impatient.peopleDetector().detect(photo, media))
                .isInstanceOfSatisfying(PeopleDetectionException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE));
        assertThat(xai.peopleQuestions()).isZero();
        assertThat(impatient.peopleDetector().detect(photo, media).people()).isEqualTo(1);
    }

    @Test
    void a_rate_limit_the_adapter_may_not_wait_for_reaches_the_core_with_its_pause() {
        var hurried = adapters(config().retry(new GrokConfig.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(1),
                Duration.ZERO)));
        xai.failNext(1, 429);

        assertThatThrownBy(() -> hurried.videoGenerator().submit(twoPeople(), media))
                .isInstanceOfSatisfying(VideoGenerationException.class, e -> {
                    assertThat(e.fault()).as("a rate limit, not a spending cap").isEqualTo(ProviderFault.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    assertThat(e.getMessage()).contains("429").contains("retry after 1 s");
                });
        assertThat(xai.submissions()).isZero();
    }

    @Test
    void a_blocked_generation_finishes_blocked_without_a_video_and_only_the_next_one_is_blocked() {
        xai.blockNextGeneration();

        GenerationTicket blocked = generator.submit(twoPeople(), media);
        GenerationTicket allowed = generator.submit(twoPeople(), media);

        assertThat(pollUntilFinished(generator, blocked)).isInstanceOfSatisfying(GenerationStatus.Blocked.class,
                status -> assertThat(status.spend()).isEqualTo(new Spend(VIDEO_MODEL, SIX_SECONDS_TICKS)));
        assertThat(pollUntilFinished(generator, allowed)).isInstanceOf(GenerationStatus.Ready.class);
    }

    @Test
    void a_new_generation_time_applies_to_later_submissions_only() {
        GenerationTicket quick = generator.submit(twoPeople(), media);
        xai.generationTime(Duration.ofHours(1));
        GenerationTicket slow = generator.submit(twoPeople(), media);

        assertThat(pollUntilFinished(generator, quick)).isInstanceOf(GenerationStatus.Ready.class);
        assertThat(generator.poll(slow)).isInstanceOfSatisfying(GenerationStatus.Pending.class,
                pending -> assertThat(pending.progress()).isBetween(0, 1));
    }

    @Test
    void a_request_id_the_simulation_never_gave_out_is_a_failed_poll_not_a_verdict() {
        // A 404 says nothing about a paid generation: the core polls again, it does not submit again.
        assertThatThrownBy(() -> generator.poll(new GenerationTicket("5d0c1f3e-0000-4000-8000-000000000000")))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.getMessage()).contains("404").contains("not_found"));
    }

    @Test
    void a_wrong_key_is_refused_as_access_denied_and_never_repeated_back() {
        String wrongKey = "xai-not-the-simulated-key-31337";
        var intruder = adapters(config().apiKey(wrongKey));
        Photo photo = store(ScenePhotos.jpeg(2, 64, 64), ImageFormat.JPEG, 64, 64);

        assertThatThrownBy(() -> intruder.peopleDetector().detect(photo, media))
                .isInstanceOfSatisfying(PeopleDetectionException.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.ACCESS_DENIED);
                    assertThat(e.getMessage()).contains("401").doesNotContain(wrongKey);
                });
        assertThatThrownBy(() -> intruder.videoGenerator().submit(twoPeople(), media))
                .isInstanceOfSatisfying(VideoGenerationException.class,
                        e -> assertThat(e.fault()).isEqualTo(ProviderFault.ACCESS_DENIED));
        assertThat(xai.peopleQuestions()).isZero();
        assertThat(xai.submissions()).isZero();
    }

    @Test
    void a_thousand_concurrent_polls_are_all_answered() throws Exception {
        int pollers = 1000;
        var busy = adapters(config()
                .rateLimit(new GrokConfig.RateLimitSettings(100_000, Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .timeouts(new GrokConfig.Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(30),
                        Duration.ofSeconds(30))));
        xai.generationTime(Duration.ofHours(1));
        GenerationTicket ticket = busy.videoGenerator().submit(twoPeople(), media);
        var start = new CountDownLatch(1);
        List<Future<GenerationStatus>> polls = new ArrayList<>();

        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < pollers; i++) {
                polls.add(threads.submit(() -> {
                    start.await();
                    return busy.videoGenerator().poll(ticket);
                }));
            }
            start.countDown();
            for (Future<GenerationStatus> poll : polls) {
                assertThat(poll.get()).isInstanceOf(GenerationStatus.Pending.class);
            }
        }
    }

    // ---- helpers ----

    /** Quick retries and a generous rate limit, so a test spends its time on what it tests. */
    private GrokConfig.Builder config() {
        return GrokConfig.builder(SimulatedXai.apiKey())
                .baseUrl(xai.baseUrl())
                .pollInterval(POLL_INTERVAL)
                .retry(new GrokConfig.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(2)))
                .rateLimit(new GrokConfig.RateLimitSettings(1000, Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .submitsPerSecond(1000);
    }

    private GrokAdapters adapters(GrokConfig.Builder config) {
        GrokAdapters created = GrokAdapters.create(config.build());
        opened.add(created);
        return created;
    }

    private Photo store(byte[] file, ImageFormat format, int width, int height) {
        var stored = media.put(MediaKind.PHOTO, new ByteArrayInputStream(file));
        return new Photo(stored.key(), format, new Dimensions(width, height), stored.sizeBytes(),
                dev.kisscam.core.testing.TestImages.digestOf(file));
    }

    private GenerationRequest twoPeople() {
        Photo photo = store(ScenePhotos.jpeg(2, 640, 480), ImageFormat.JPEG, 640, 480);
        return new GenerationRequest(JobId.random(), new RequesterId("test:1"), List.of(new JobPhoto(photo, List.of())),
                Direction.DEFAULT);
    }

    /** Polls at the adapter's interval until the generation has finished one way or another. */
    private static GenerationStatus pollUntilFinished(VideoGenerator generator, GenerationTicket ticket) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            GenerationStatus status = generator.poll(ticket);
            if (!(status instanceof GenerationStatus.Pending)) {
                return status;
            }
            try {
                Thread.sleep(generator.pollingPolicy().interval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while polling", e);
            }
        }
        throw new AssertionError("generation " + ticket + " still pending after " + PATIENCE);
    }
}
