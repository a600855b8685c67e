package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.TestImages;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Circuit breakers, the rate limit and the health view, through the real HTTP stack. */
class ResilienceTest {
    private final FakeXai xai = new FakeXai();
    private final InMemoryMediaStore media = new InMemoryMediaStore();

    @AfterEach
    void stop() {
        xai.close();
    }

    @Test
    void a_family_that_keeps_failing_opens_its_breaker_and_then_fails_at_once_as_unavailable() {
        GrokConfig config = xai.config()
                .retry(new GrokConfig.RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO))
                .circuitBreaker(new GrokConfig.BreakerSettings(50, 2, 2, Duration.ofMinutes(10)))
                .build();
        xai.api.enqueue(FakeXai.json(500, "{\"code\":\"Internal error\",\"error\":\"boom\"}"));
        xai.api.enqueue(FakeXai.json(503, "{\"code\":\"Unavailable\",\"error\":\"down\"}"));
        xai.api.enqueue(FakeXai.running(10));
        try (GrokAdapters adapters = GrokAdapters.create(config)) {
            var ticket = new GenerationTicket("req-cb");
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> adapters.videoGenerator().poll(ticket)).isInstanceOf(VideoGenerationException.class);
            }

            assertThatThrownBy(() -> adapters.videoGenerator().poll(ticket))
                    .isInstanceOfSatisfying(VideoGenerationException.class, e -> {
                        assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("circuit breaker open");
                    });
            assertThat(xai.api.getRequestCount()).as("the open breaker kept the third call home").isEqualTo(2);
            assertThat(adapters.health().available()).isFalse();
            assertThat(adapters.health().endpoints()).containsExactly(
                    new GrokHealth.EndpointHealth("vision", GrokHealth.State.CLOSED, -1),
                    new GrokHealth.EndpointHealth("video", GrokHealth.State.OPEN, 100),
                    new GrokHealth.EndpointHealth("video-download", GrokHealth.State.CLOSED, -1));
        }
    }

    @Test
    void refusals_of_the_input_do_not_count_against_the_breaker() {
        GrokConfig config = xai.config()
                .circuitBreaker(new GrokConfig.BreakerSettings(50, 2, 2, Duration.ofMinutes(10)))
                .build();
        for (int i = 0; i < 3; i++) {
            xai.api.enqueue(FakeXai.bareError(422, "bad field"));
        }
        xai.api.enqueue(FakeXai.running(30));
        try (GrokAdapters adapters = GrokAdapters.create(config)) {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> adapters.videoGenerator().poll(new GenerationTicket("req-422")))
                        .isInstanceOf(VideoGenerationException.class);
            }

            assertThat(adapters.videoGenerator().poll(new GenerationTicket("req-ok"))).isEqualTo(new GenerationStatus.Pending(30));
            assertThat(adapters.health().available()).isTrue();
        }
    }

    @Test
    void the_rate_limit_holds_back_calls_beyond_it_without_sending_them() {
        GrokConfig config = xai.config()
                .rateLimit(new GrokConfig.RateLimitSettings(1, Duration.ofHours(1), Duration.ZERO))
                .build();
        xai.api.enqueue(FakeXai.completion(FakeXai.peopleJson(0, false, List.of()), 1));
        xai.api.enqueue(FakeXai.completion(FakeXai.peopleJson(0, false, List.of()), 1));
        try (GrokAdapters adapters = GrokAdapters.create(config)) {
            var photo = TestPhotos.store(media, TestImages.jpeg(320, 240, 1), dev.kisscam.core.domain.ImageFormat.JPEG, 320, 240);
            adapters.peopleDetector().detect(photo, media);

            assertThatThrownBy(() -> adapters.peopleDetector().detect(photo, media))
                    .isInstanceOfSatisfying(PeopleDetectionException.class, e -> {
                        assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE);
                        assertThat(e.getMessage()).contains("rate limit");
                    });
        }
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_submission_without_a_permit_in_time_is_not_sent_and_is_the_cores_rate_limit() {
        var resilience = new Resilience(xai.config().submitsPerSecond(1)
                .rateLimit(new GrokConfig.RateLimitSettings(1000, Duration.ofSeconds(1), Duration.ZERO)).build());
        var attempts = new java.util.concurrent.atomic.AtomicInteger();

        assertThat(resilience.submission(attempts::incrementAndGet)).isEqualTo(1);
        // Microseconds later, in the same one-second cycle, whose one permit is taken; no wait is allowed.
        assertThatThrownBy(() -> resilience.submission(attempts::incrementAndGet))
                .isInstanceOfSatisfying(XaiFailure.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
                    assertThat(e.forGenerator().retryAfter()).contains(Duration.ofSeconds(1));
                });
        assertThat(attempts).hasValue(1);
        assertThat(resilience.call(Endpoint.VIDEO, attempts::incrementAndGet)).as("other calls have their own permits")
                .isEqualTo(2);
    }

    @Test
    void paces_from_another_source_decide_every_permit_and_nothing_is_sent_without_one() {
        var asked = new java.util.ArrayList<String>();
        var open = new java.util.concurrent.atomic.AtomicBoolean(true);
        Pace.Source shared = (name, permits, period, maxWait) -> {
            asked.add(name + " " + permits + "/" + period.toMillis() + "ms wait " + maxWait.toMillis() + "ms");
            return open::get;
        };
        var resilience = new Resilience(xai.config().requestsPerSecond(7).submitsPerSecond(4).build(), shared);
        var attempts = new java.util.concurrent.atomic.AtomicInteger();

        assertThat(asked).containsExactly("xai 7/1000ms wait 1000ms", "xai-submissions 1/250ms wait 1000ms");
        assertThat(resilience.call(Endpoint.VISION, attempts::incrementAndGet)).isEqualTo(1);
        assertThat(resilience.submission(attempts::incrementAndGet)).isEqualTo(2);

        open.set(false);

        assertThatThrownBy(() -> resilience.call(Endpoint.VISION, attempts::incrementAndGet))
                .isInstanceOfSatisfying(XaiFailure.class, e -> assertThat(e.fault()).isEqualTo(ProviderFault.UNAVAILABLE));
        assertThatThrownBy(() -> resilience.submission(attempts::incrementAndGet))
                .isInstanceOfSatisfying(XaiFailure.class, e -> {
                    assertThat(e.fault()).isEqualTo(ProviderFault.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofMillis(250));
                });
        assertThat(attempts).as("nothing sent without a permit").hasValue(2);
    }
}
