package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VideoGenerator} must do. Extend it and return generators whose provider answers as each
 * method's name says; a finishing provider should report pending at least once before it is done.
 */
public abstract class VideoGeneratorContract {

    protected final InMemoryMediaStore media = new InMemoryMediaStore();

    protected abstract VideoGenerator generatorThatMakes(byte[] mp4) throws Exception;

    protected abstract VideoGenerator generatorBlockedByModeration() throws Exception;

    protected abstract VideoGenerator generatorThatFails() throws Exception;

    protected abstract VideoGenerator generatorThatRefusesOurKey() throws Exception;

    /** An MP4 the provider serves; override to give a real one. */
    protected byte[] sampleVideo() {
        return TestVideos.minimalMp4();
    }

    protected JobPhoto storedPhoto(int width, int height, int seed, PersonBox... people) {
        byte[] jpeg = TestImages.jpeg(width, height, seed);
        var stored = media.put(MediaKind.PHOTO, new ByteArrayInputStream(jpeg));
        return new JobPhoto(new Photo(stored.key(), ImageFormat.JPEG, new Dimensions(width, height), stored.sizeBytes(),
                TestImages.digestOf(jpeg)),
                List.of(people));
    }

    protected GenerationRequest onePhotoOfTwo() {
        return new GenerationRequest(JobId.random(), new RequesterId("test:1"), List.of(storedPhoto(640, 480, 1,
                new PersonBox(0.05, 0.1, 0.4, 0.8), new PersonBox(0.55, 0.1, 0.4, 0.8))), Direction.DEFAULT);
    }

    protected GenerationRequest twoPhotosOfOne() {
        return new GenerationRequest(JobId.random(), new RequesterId("test:1"), List.of(
                storedPhoto(480, 640, 2, new PersonBox(0.2, 0.1, 0.6, 0.8)),
                storedPhoto(640, 480, 3, new PersonBox(0.3, 0.1, 0.4, 0.8))), Direction.DEFAULT);
    }

    protected GenerationStatus pollUntilFinished(VideoGenerator generator, GenerationTicket ticket) {
        for (int i = 0; i < 200; i++) {
            GenerationStatus status = generator.poll(ticket);
            if (!(status instanceof GenerationStatus.Pending)) {
                return status;
            }
        }
        throw new AssertionError("still pending after 200 polls");
    }

    @Test
    void a_finished_generation_hands_over_the_video() throws Exception {
        byte[] mp4 = sampleVideo();
        VideoGenerator generator = generatorThatMakes(mp4);
        for (GenerationRequest request : List.of(onePhotoOfTwo(), twoPhotosOfOne())) {
            GenerationTicket ticket = generator.submit(request, media);
            GenerationStatus status = pollUntilFinished(generator, ticket);

            assertThat(status).isInstanceOf(GenerationStatus.Ready.class);
            try (InputStream in = generator.openVideo((GenerationStatus.Ready) status)) {
                assertThat(in.readAllBytes()).isEqualTo(mp4);
            }
        }
    }

    @Test
    void moderation_blocks_are_reported_as_blocked() throws Exception {
        VideoGenerator generator = generatorBlockedByModeration();
        GenerationTicket ticket = generator.submit(onePhotoOfTwo(), media);
        assertThat(pollUntilFinished(generator, ticket)).isInstanceOf(GenerationStatus.Blocked.class);
    }

    @Test
    void failures_are_reported_with_the_providers_reason() throws Exception {
        VideoGenerator generator = generatorThatFails();
        GenerationTicket ticket = generator.submit(onePhotoOfTwo(), media);
        GenerationStatus status = pollUntilFinished(generator, ticket);
        assertThat(status).isInstanceOfSatisfying(GenerationStatus.Failed.class,
                failed -> assertThat(failed.code() + failed.message()).isNotBlank());
    }

    @Test
    void a_refused_key_is_access_denied() throws Exception {
        VideoGenerator generator = generatorThatRefusesOurKey();
        assertThatThrownBy(() -> generator.submit(onePhotoOfTwo(), media))
                .isInstanceOf(VideoGenerationException.class)
                .extracting(e -> ((VideoGenerationException) e).fault()).isEqualTo(ProviderFault.ACCESS_DENIED);
    }

    @Test
    void it_states_a_sane_polling_policy() throws Exception {
        var policy = generatorThatMakes(sampleVideo()).pollingPolicy();
        assertThat(policy.timeout()).isGreaterThan(policy.interval());
    }
}
