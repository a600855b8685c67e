package dev.kisscam.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.TestVideos;
import dev.kisscam.core.testing.VideoGeneratorContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepeatedPhotosVideoCacheTest extends VideoGeneratorContract {
    private static final Duration WINDOW = Duration.ofHours(1);
    private static final RequesterId ALICE = new RequesterId("telegram:1");
    private static final RequesterId BOB = new RequesterId("telegram:2");

    @TempDir
    Path directory;

    private final AtomicLong nanos = new AtomicLong();
    private final byte[] video = videoOf(5000);
    private final FakeVideoGenerator provider = new FakeVideoGenerator().video(video);
    private final JobPhoto first = storedPhoto(480, 640, 11, new PersonBox(0.2, 0.1, 0.6, 0.8));
    private final JobPhoto second = storedPhoto(640, 480, 12, new PersonBox(0.3, 0.1, 0.4, 0.8));

    @Override
    protected VideoGenerator generatorThatMakes(byte[] mp4) throws IOException {
        return cacheOf(new FakeVideoGenerator().video(mp4), 10);
    }

    @Override
    protected VideoGenerator generatorBlockedByModeration() throws IOException {
        return cacheOf(new FakeVideoGenerator().thenAnswer(new GenerationStatus.Pending(10),
                new GenerationStatus.Blocked("moderation", FakeVideoGenerator.VIDEO_SPEND)), 10);
    }

    @Override
    protected VideoGenerator generatorThatFails() throws IOException {
        return cacheOf(new FakeVideoGenerator().thenAnswer(new GenerationStatus.Pending(10),
                new GenerationStatus.Failed("internal", "it broke", false, false, FakeVideoGenerator.VIDEO_SPEND)), 10);
    }

    @Override
    protected VideoGenerator generatorThatRefusesOurKey() throws IOException {
        return cacheOf(new FakeVideoGenerator().failSubmissionsWith(
                new VideoGenerationException(ProviderFault.ACCESS_DENIED, "bad key")), 10);
    }

    @Test
    void the_same_photos_from_the_same_requester_get_the_earlier_video_without_a_charge() throws IOException {
        var cache = cacheOf(provider, 10);
        Outcome earlier = generate(cache, request(ALICE, first, second));

        Outcome again = generate(cache, request(ALICE, first, second));
        Outcome swapped = generate(cache, request(ALICE, second, first));

        assertThat(provider.submissions()).hasSize(1);
        assertThat(earlier.ready().spend()).isEqualTo(FakeVideoGenerator.VIDEO_SPEND);
        for (Outcome repeated : List.of(again, swapped)) {
            assertThat(repeated.ticket().value()).startsWith("repeat:");
            assertThat(repeated.ready().spend().usdTicks()).isZero();
            assertThat(repeated.ready().spend().model()).isEqualTo(FakeVideoGenerator.VIDEO_SPEND.model());
            assertThat(repeated.bytes()).isEqualTo(video);
        }
        assertThat(again.ticket()).isNotEqualTo(swapped.ticket());
    }

    @Test
    void another_requester_or_other_photos_go_to_the_provider() throws IOException {
        var cache = cacheOf(provider, 10);
        generate(cache, request(ALICE, first, second));

        generate(cache, request(BOB, first, second));
        generate(cache, request(ALICE, first));
        generate(cache, request(ALICE, first, storedPhoto(640, 480, 13)));

        assertThat(provider.submissions()).hasSize(4);
    }

    @Test
    void once_the_window_passes_the_provider_is_asked_again_and_the_file_is_gone() throws IOException {
        var cache = cacheOf(provider, 10);
        generate(cache, request(ALICE, first, second));
        assertThat(videoFiles()).hasSize(1);

        nanos.addAndGet(WINDOW.plusSeconds(1).toNanos());
        assertThat(cache.cachedVideos()).isZero();
        assertThat(videoFiles()).isEmpty();
        Outcome again = generate(cache, request(ALICE, first, second));

        assertThat(provider.submissions()).hasSize(2);
        assertThat(again.ticket().value()).doesNotStartWith("repeat:");
        assertThat(again.ready().spend()).isEqualTo(FakeVideoGenerator.VIDEO_SPEND);
    }

    @Test
    void a_repeat_whose_video_went_meanwhile_polls_as_a_transient_expiry() throws IOException {
        var cache = cacheOf(provider, 10);
        generate(cache, request(ALICE, first, second));
        GenerationTicket repeat = cache.submit(request(ALICE, first, second), media);

        nanos.addAndGet(WINDOW.plusSeconds(1).toNanos());

        assertTransientExpiry(cache.poll(repeat));
        assertThat(provider.polls()).isEqualTo(2);
    }

    @Test
    void a_repeat_ticket_from_before_a_restart_polls_as_a_transient_expiry() throws IOException {
        var before = cacheOf(provider, 10);
        generate(before, request(ALICE, first, second));
        GenerationTicket repeat = before.submit(request(ALICE, first, second), media);

        var restarted = cacheOf(provider, 10);

        assertTransientExpiry(restarted.poll(repeat));
        assertThat(videoFiles()).isEmpty();
    }

    @Test
    void a_download_read_only_in_part_is_not_cached() throws IOException {
        var cache = cacheOf(provider, 10);
        GenerationStatus.Ready ready = pollUntilReady(cache, cache.submit(request(ALICE, first, second), media));
        try (InputStream in = cache.openVideo(ready)) {
            assertThat(in.readNBytes(100)).isEqualTo(Arrays.copyOf(video, 100));
        }
        assertThat(files()).isEmpty();

        Outcome again = generate(cache, request(ALICE, first, second));

        assertThat(provider.submissions()).hasSize(2);
        assertThat(again.bytes()).isEqualTo(video);
    }

    @Test
    void a_download_that_breaks_off_is_not_cached_and_the_reader_gets_the_failure() throws IOException {
        var cache = cacheOf(new OtherDownloads(provider, ready -> OtherDownloads.breakingAfter(video, 1000)), 10);
        GenerationStatus.Ready ready = pollUntilReady(cache, cache.submit(request(ALICE, first, second), media));
        try (InputStream in = cache.openVideo(ready)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessage("connection reset");
        }

        cache.submit(request(ALICE, first, second), media);

        assertThat(provider.submissions()).hasSize(2);
        assertThat(files()).isEmpty();
    }

    @Test
    void videos_pushed_out_of_a_full_cache_lose_their_files() throws IOException {
        var cache = cacheOf(provider, 1);
        for (String requester : List.of("telegram:1", "telegram:2", "telegram:3")) {
            generate(cache, request(new RequesterId(requester), first, second));
        }

        assertThat(cache.cachedVideos()).isEqualTo(1);
        assertThat(videoFiles()).hasSize(1);
    }

    @Test
    void files_of_a_previous_run_are_deleted_and_other_files_are_left_alone() throws IOException {
        Path oldVideo = Files.write(directory.resolve("abc-1.video"), video);
        Path oldPart = Files.write(directory.resolve("abc-2.part"), video);
        Path unrelated = Files.write(directory.resolve("notes.txt"), video);

        cacheOf(provider, 10);

        assertThat(oldVideo).doesNotExist();
        assertThat(oldPart).doesNotExist();
        assertThat(unrelated).exists();
    }

    @Test
    void it_polls_as_often_as_its_provider_says() throws IOException {
        var policy = new PollingPolicy(Duration.ofSeconds(7), Duration.ofMinutes(9));
        assertThat(cacheOf(provider.policy(policy), 10).pollingPolicy()).isEqualTo(policy);
    }

    private RepeatedPhotosVideoCache cacheOf(VideoGenerator delegate, int maxEntries) throws IOException {
        return new RepeatedPhotosVideoCache(delegate, directory, WINDOW, maxEntries, nanos::get);
    }

    private GenerationRequest request(RequesterId requester, JobPhoto... photos) {
        return new GenerationRequest(JobId.random(), requester, List.of(photos));
    }

    private record Outcome(GenerationTicket ticket, GenerationStatus.Ready ready, byte[] bytes) {
    }

    /** What the core does with a job: submit, poll until ready, read the whole video. */
    private Outcome generate(VideoGenerator generator, GenerationRequest request) throws IOException {
        GenerationTicket ticket = generator.submit(request, media);
        GenerationStatus.Ready ready = pollUntilReady(generator, ticket);
        try (InputStream in = generator.openVideo(ready)) {
            return new Outcome(ticket, ready, in.readAllBytes());
        }
    }

    private GenerationStatus.Ready pollUntilReady(VideoGenerator generator, GenerationTicket ticket) {
        GenerationStatus status = pollUntilFinished(generator, ticket);
        assertThat(status).isInstanceOf(GenerationStatus.Ready.class);
        return (GenerationStatus.Ready) status;
    }

    private static void assertTransientExpiry(GenerationStatus status) {
        assertThat(status).isInstanceOfSatisfying(GenerationStatus.Failed.class, failed -> {
            assertThat(failed.expired()).isTrue();
            assertThat(failed.transientFailure()).isTrue();
            assertThat(failed.spend().usdTicks()).isZero();
        });
    }

    private List<Path> videoFiles() throws IOException {
        return files().stream().filter(f -> f.toString().endsWith(".video")).toList();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    /** An MP4 header followed by {@code size} bytes that differ from position to position. */
    private static byte[] videoOf(int size) {
        byte[] head = TestVideos.minimalMp4();
        byte[] mp4 = Arrays.copyOf(head, head.length + size);
        for (int i = head.length; i < mp4.length; i++) {
            mp4[i] = (byte) (i * 31);
        }
        return mp4;
    }
}
