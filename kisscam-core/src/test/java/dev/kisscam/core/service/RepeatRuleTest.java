package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import dev.kisscam.core.testing.TestImages;
import dev.kisscam.core.testing.TestVideos;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The same photos from the same requester within the window get the earlier video, free. */
class RepeatRuleTest {
    private static final Duration WINDOW = Duration.ofHours(1);
    private Harness h;
    private Requester alice;

    @BeforeEach
    void start() {
        h = new Harness();
        h.settings = h.settings.withRepeatWindow(WINDOW);
        h.generator.video(TestVideos.minimalMp4());
        h.start();
        alice = h.requester("alice");
    }

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    private JobId delivered(IntakeOutcome outcome) throws InterruptedException {
        JobId job = switch (outcome) {
            case IntakeOutcome.JobAccepted accepted -> accepted.job();
            case IntakeOutcome.EarlierVideo earlier -> earlier.job();
            default -> throw new AssertionError("no job: " + outcome);
        };
        h.delivery.await(VideoReady.class, job, WAIT);
        assertThat(h.awaitFinished(job).state()).isInstanceOf(JobState.Done.class);
        return job;
    }

    @Test
    void the_same_photo_again_gets_the_earlier_video_without_a_generation_or_quota() throws InterruptedException {
        byte[] couple = h.photoOf(2);
        delivered(h.submit(alice, couple));
        int quotaUsed = h.quota.status(alice.id(), h.clock.instant()).used();

        IntakeOutcome again = h.submit(alice, couple);

        assertThat(again).isInstanceOf(IntakeOutcome.EarlierVideo.class);
        JobId repeat = delivered(again);
        assertThat(h.delivery.await(VideoReady.class, repeat, WAIT).video()).isEqualTo(TestVideos.minimalMp4());
        assertThat(h.generator.submissions()).hasSize(1);
        assertThat(h.quota.status(alice.id(), h.clock.instant()).used()).isEqualTo(quotaUsed);
        assertThat(h.jobStore.find(repeat).orElseThrow().spends())
                .doesNotContain(dev.kisscam.core.testing.FakeVideoGenerator.VIDEO_SPEND);
        // the kept video and the photo it was made from stay (for another take); the repeat job's own
        // copies are gone
        assertThat(h.media.countOf(MediaKind.VIDEO)).isEqualTo(1);
        assertThat(h.media.countOf(MediaKind.PHOTO)).isEqualTo(1);
    }

    @Test
    void two_photos_sent_again_in_the_other_order_also_get_the_earlier_video() throws InterruptedException {
        byte[] first = h.photoOf(1);
        byte[] second = h.photoOf(1);
        delivered(h.submitAlbum(alice, first, second));

        h.submit(alice, second);
        assertThat(h.submit(alice, first)).isInstanceOf(IntakeOutcome.EarlierVideo.class);
        assertThat(h.generator.submissions()).hasSize(1);
    }

    @Test
    void another_requester_with_the_same_photo_gets_a_new_generation() throws InterruptedException {
        byte[] couple = h.photoOf(2);
        delivered(h.submit(alice, couple));

        assertThat(h.submit(h.requester("bob"), couple)).isInstanceOf(IntakeOutcome.JobAccepted.class);
    }

    @Test
    void after_the_window_the_kept_video_is_deleted_and_the_photos_make_a_new_video() throws InterruptedException {
        byte[] couple = h.photoOf(2);
        delivered(h.submit(alice, couple));

        assertThat(h.media.countOf(MediaKind.VIDEO)).isEqualTo(1);
        h.clock.advance(WINDOW.plusSeconds(1));
        h.core.sweepNow();
        assertThat(h.media.countOf(MediaKind.VIDEO)).isZero();

        delivered(h.submit(alice, couple));
        assertThat(h.generator.submissions()).hasSize(2);
    }

    @Test
    void an_earlier_video_that_is_gone_makes_a_new_generation_not_a_failure() throws InterruptedException {
        byte[] couple = h.photoOf(2);
        delivered(h.submit(alice, couple));
        var set = PhotoSet.of(alice.id(), List.of(new dev.kisscam.core.domain.JobPhoto(
                new dev.kisscam.core.domain.Photo(new dev.kisscam.core.domain.MediaKey("photo-x"),
                        dev.kisscam.core.domain.ImageFormat.JPEG, new dev.kisscam.core.domain.Dimensions(640, 480),
                        couple.length, TestImages.digestOf(couple)), List.of()))).orElseThrow();
        h.media.delete(h.earlierVideos.find(set, h.clock.instant()).orElseThrow().video());

        IntakeOutcome again = h.submit(alice, couple);

        assertThat(again).isInstanceOf(IntakeOutcome.JobAccepted.class);
        Job job = h.awaitFinished(delivered(again));
        assertThat(job.state()).isInstanceOf(JobState.Done.class);
        assertThat(h.generator.submissions()).hasSize(2);
    }

    @Test
    void with_a_zero_window_nothing_is_kept() throws InterruptedException {
        h.close();
        h = new Harness();
        h.generator.video(TestVideos.minimalMp4());
        h.start();
        Requester carol = h.requester("carol");
        byte[] couple = h.photoOf(2);

        delivered(h.submit(carol, couple));
        IntakeOutcome again = h.submit(carol, couple);

        assertThat(again).isInstanceOf(IntakeOutcome.JobAccepted.class);
        delivered(again);
        assertThat(h.generator.submissions()).hasSize(2);
        assertThat(h.media.countOf(MediaKind.VIDEO)).isZero();
    }
}
