package dev.kisscam.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.adapter.grok.GrokAdapters;
import dev.kisscam.adapter.grok.GrokConfig;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.TestVideos;
import dev.kisscam.core.testing.VideoGeneratorContract;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class MeteredVideoGeneratorTest extends VideoGeneratorContract {
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final byte[] video = TestVideos.minimalMp4();
    private final FakeVideoGenerator provider = new FakeVideoGenerator();

    @Override
    protected VideoGenerator generatorThatMakes(byte[] mp4) {
        return new MeteredVideoGenerator(new FakeVideoGenerator().video(mp4), registry);
    }

    @Override
    protected VideoGenerator generatorBlockedByModeration() {
        return new MeteredVideoGenerator(new FakeVideoGenerator().thenAnswer(new GenerationStatus.Pending(10),
                new GenerationStatus.Blocked("moderation", FakeVideoGenerator.VIDEO_SPEND)), registry);
    }

    @Override
    protected VideoGenerator generatorThatFails() {
        return new MeteredVideoGenerator(new FakeVideoGenerator().thenAnswer(new GenerationStatus.Pending(10),
                new GenerationStatus.Failed("internal", "it broke", false, false, FakeVideoGenerator.VIDEO_SPEND)), registry);
    }

    @Override
    protected VideoGenerator generatorThatRefusesOurKey() {
        return new MeteredVideoGenerator(new FakeVideoGenerator().failSubmissionsWith(
                new VideoGenerationException(ProviderFault.ACCESS_DENIED, "bad key")), registry);
    }

    @AfterEach
    void clearLogContext() {
        MDC.clear();
    }

    @Test
    void a_whole_generation_is_counted_and_timed_by_operation_and_outcome() throws IOException {
        var metered = new MeteredVideoGenerator(provider, registry);
        provider.onPoll(ticket -> clock.add(Duration.ofSeconds(2)));

        GenerationTicket ticket = metered.submit(onePhotoOfTwo(), media);
        assertThat(metered.poll(ticket)).isInstanceOf(GenerationStatus.Pending.class);
        var ready = (GenerationStatus.Ready) metered.poll(ticket);
        try (InputStream in = metered.openVideo(ready)) {
            clock.add(Duration.ofSeconds(5));
            assertThat(in.readAllBytes()).isEqualTo(video);
        }

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of(
                "submit/ok", 1.0,
                "poll/pending", 1.0,
                "poll/ready", 1.0,
                "download/ok", 1.0));
        assertThat(ProviderCallMeters.timer(registry, "poll").count()).isEqualTo(2);
        assertThat(ProviderCallMeters.seconds(registry, "poll")).isEqualTo(4.0);
        assertThat(ProviderCallMeters.seconds(registry, "download")).isEqualTo(5.0);
        assertThat(ProviderCallMeters.timer(registry, "submit").count()).isEqualTo(1);
    }

    @Test
    void polls_that_end_without_a_video_are_told_apart() {
        var metered = new MeteredVideoGenerator(provider
                .thenAnswer(new GenerationStatus.Blocked("moderation", FakeVideoGenerator.VIDEO_SPEND))
                .thenAnswer(new GenerationStatus.Failed("expired", "gone", true, true, FakeVideoGenerator.VIDEO_SPEND)),
                registry);

        metered.poll(metered.submit(onePhotoOfTwo(), media));
        metered.poll(metered.submit(onePhotoOfTwo(), media));

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of(
                "submit/ok", 2.0,
                "poll/blocked", 1.0,
                "poll/failed", 1.0));
    }

    @Test
    void a_provider_fault_is_counted_by_name_and_rethrown_unchanged() {
        var unconfirmed = new VideoGenerationException(ProviderFault.SUBMISSION_UNCONFIRMED, "answer lost");
        var unavailable = new VideoGenerationException(ProviderFault.UNAVAILABLE, "down");
        var refusing = new MeteredVideoGenerator(new FakeVideoGenerator().failSubmissionsWith(unconfirmed), registry);
        var down = new MeteredVideoGenerator(new FakeVideoGenerator().failPollsWith(unavailable), registry);

        assertThatThrownBy(() -> refusing.submit(onePhotoOfTwo(), media)).isSameAs(unconfirmed);
        assertThatThrownBy(() -> down.poll(down.submit(onePhotoOfTwo(), media))).isSameAs(unavailable);

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of(
                "submit/submission_unconfirmed", 1.0,
                "submit/ok", 1.0,
                "poll/unavailable", 1.0));
    }

    @Test
    void any_other_failure_is_an_error() {
        var metered = new MeteredVideoGenerator(provider, registry);
        GenerationRequest request = onePhotoOfTwo();
        media.failing(true);

        assertThatThrownBy(() -> metered.submit(request, media)).isInstanceOf(MediaStoreException.class);

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of("submit/error", 1.0));
    }

    @Test
    void downloads_are_counted_when_they_end_however_they_end() throws IOException {
        var refused = new VideoGenerationException(ProviderFault.INVALID_RESPONSE, "not an MP4");
        var breaking = new MeteredVideoGenerator(
                new OtherDownloads(provider, ready -> OtherDownloads.breakingAfter(video, 10)), registry);
        var failing = new MeteredVideoGenerator(new OtherDownloads(provider, ready -> {
            throw refused;
        }), registry);
        var metered = new MeteredVideoGenerator(provider, registry);

        try (InputStream in = breaking.openVideo(FakeVideoGenerator.ready())) {
            assertThatThrownBy(in::readAllBytes).hasMessage("connection reset");
        }
        assertThatThrownBy(() -> failing.openVideo(FakeVideoGenerator.ready())).isSameAs(refused);
        try (InputStream in = metered.openVideo(FakeVideoGenerator.ready())) {
            assertThat(in.read()).isEqualTo(video[0] & 0xff);
        }

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of(
                "download/error", 1.0,
                "download/invalid_response", 1.0,
                "download/abandoned", 1.0));
    }

    @Test
    void the_job_is_in_the_log_context_during_each_call_and_the_previous_value_comes_back() throws IOException {
        var witness = new LogContextWitness(provider);
        var metered = new MeteredVideoGenerator(witness, registry);
        GenerationRequest request = onePhotoOfTwo();
        String job = request.job().value();
        MDC.put("job", "outer");

        GenerationTicket ticket = metered.submit(request, media);
        assertThat(MDC.get("job")).isEqualTo("outer");
        metered.poll(ticket);
        var ready = (GenerationStatus.Ready) metered.poll(ticket);
        MDC.remove("job");
        metered.openVideo(ready).close();

        assertThat(witness.seen).containsExactly("submit " + job, "poll " + job, "poll " + job, "download " + job);
        assertThat(MDC.get("job")).isNull();
    }

    @Test
    void the_log_context_is_restored_when_the_call_fails() {
        var failure = new VideoGenerationException(ProviderFault.UNAVAILABLE, "down");
        var witness = new LogContextWitness(provider.failSubmissionsWith(failure));
        var metered = new MeteredVideoGenerator(witness, registry);
        GenerationRequest request = onePhotoOfTwo();

        assertThatThrownBy(() -> metered.submit(request, media)).isSameAs(failure);

        assertThat(witness.seen).containsExactly("submit " + request.job());
        assertThat(MDC.get("job")).isNull();
    }

    @Test
    void a_ticket_it_never_saw_is_polled_without_a_job() {
        var witness = new LogContextWitness(provider);
        var metered = new MeteredVideoGenerator(witness, registry);

        metered.poll(new GenerationTicket("from-before-a-restart"));

        assertThat(witness.seen).containsExactly("poll null");
        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of("poll/ready", 1.0));
    }

    /** The provider, noting which job the log context named while each call ran. */
    private static final class LogContextWitness implements VideoGenerator {
        private final VideoGenerator provider;
        private final List<String> seen = new CopyOnWriteArrayList<>();

        LogContextWitness(VideoGenerator provider) {
            this.provider = provider;
        }

        @Override
        public GenerationTicket submit(GenerationRequest request, MediaReader media) {
            seen.add("submit " + MDC.get("job"));
            return provider.submit(request, media);
        }

        @Override
        public GenerationStatus poll(GenerationTicket ticket) {
            seen.add("poll " + MDC.get("job"));
            return provider.poll(ticket);
        }

        @Override
        public InputStream openVideo(GenerationStatus.Ready ready) {
            seen.add("download " + MDC.get("job"));
            return provider.openVideo(ready);
        }

        @Override
        public PollingPolicy pollingPolicy() {
            return provider.pollingPolicy();
        }
    }

    @Test
    void the_providers_estimate_passes_through_uncounted() {
        // The Grok adapter prices a request from its list without calling anyone.
        try (var grok = GrokAdapters.create(GrokConfig.defaults("xai-key-for-an-estimate"))) {
            var metered = new MeteredVideoGenerator(grok.videoGenerator(), registry);

            assertThat(metered.estimate(onePhotoOfTwo())).isPresent().isEqualTo(grok.videoGenerator()
                    .estimate(onePhotoOfTwo()));
            assertThat(registry.getMeters()).as("no call was made").noneMatch(meter -> meter.getId().getName()
                    .startsWith("kisscam_provider_calls"));
        }
    }
}
