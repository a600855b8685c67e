package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.RecordingDelivery.Failed;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A new core over the same stores stands for the program after a restart. */
class RecoveryTest {
    private final Harness before = new Harness();
    private Harness after;

    @AfterEach
    void stop() throws InterruptedException {
        before.close();
        if (after != null) {
            after.close();
        }
    }

    private JobId accepted(IntakeOutcome outcome) {
        assertThat(outcome).isInstanceOf(IntakeOutcome.JobAccepted.class);
        return ((IntakeOutcome.JobAccepted) outcome).job();
    }

    @Test
    void a_job_at_the_provider_is_polled_again_never_submitted_again() throws InterruptedException {
        before.generator.holdPolls();
        before.start();
        JobId job = accepted(before.submit(before.requester("alice"), before.photoOf(2)));
        before.generator.awaitPolls(1, WAIT);
        before.core.close(WAIT);
        GenerationTicket ticket = ((JobState.Generating) before.jobStore.find(job).orElseThrow().state()).ticket();

        after = before.restarted();
        after.generator.knowsTicket(ticket, new GenerationStatus.Pending(80), FakeVideoGenerator.ready());
        after.start();

        assertThat(after.delivery.await(VideoReady.class, job, WAIT).video()).isNotEmpty();
        assertThat(before.generator.submissions()).hasSize(1);
        assertThat(after.generator.submissions()).isEmpty();
        assertThat(after.awaitFinished(job).state()).isInstanceOf(JobState.Done.class);
        assertThat(after.media.count()).isZero();
    }

    @Test
    void queued_jobs_queue_again_in_their_original_order() throws InterruptedException {
        before.settings = before.settings.withMaxConcurrentGenerations(1);
        before.generator.holdPolls();
        before.start();
        var jobs = new ArrayList<JobId>();
        for (int i = 0; i < 4; i++) {
            jobs.add(accepted(before.submit(before.requester("user" + i), before.photoOf(2))));
        }
        before.generator.awaitPolls(1, WAIT);
        before.core.close(WAIT);

        after = before.restarted();
        after.start();
        for (JobId job : jobs) {
            after.delivery.await(VideoReady.class, job, WAIT);
        }

        assertThat(before.generator.submissions()).extracting(r -> r.job()).containsExactly(jobs.getFirst());
        assertThat(after.generator.submissions()).extracting(r -> r.job()).containsExactlyElementsOf(jobs.subList(1, 4));
    }

    @Test
    void a_job_caught_mid_submission_fails_rather_than_risk_paying_twice() throws InterruptedException {
        Job submitting = RecoveryFixtures.jobIn(before, new JobState.Submitting(1));

        after = before.restarted();
        after.start();

        Failed failed = after.delivery.await(Failed.class, submitting.id(), WAIT);
        assertThat(failed.failure().code()).isEqualTo(FailureCode.INTERRUPTED);
        assertThat(failed.failure().retryable()).isTrue();
        assertThat(after.generator.submissions()).isEmpty();
        // its photos are kept so the requester can retry
        assertThat(after.media.countOf(MediaKind.PHOTO)).isEqualTo(1);
    }

    @Test
    void a_stored_video_not_yet_delivered_is_delivered_after_a_restart() throws InterruptedException {
        var video = before.media.put(MediaKind.VIDEO, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Job delivering = RecoveryFixtures.jobIn(before, JobState.Delivering.stored(video.key(), 3, before.clock.instant()));

        after = before.restarted();
        after.start();

        assertThat(after.delivery.await(VideoReady.class, delivering.id(), WAIT).video()).containsExactly(1, 2, 3);
        assertThat(after.awaitFinished(delivering.id()).state()).isInstanceOf(JobState.Done.class);
        assertThat(after.generator.submissions()).isEmpty();
        assertThat(after.generator.polls()).isZero();
    }

    @Test
    void a_draft_survives_a_restart_and_pairs_with_the_next_photo() throws InterruptedException {
        before.start();
        Requester alice = before.requester("alice");
        var draft = (IntakeOutcome.AwaitingSecondPhoto) before.submit(alice, before.photoOf(1));
        before.core.close(WAIT);

        after = before.restarted();
        after.start();
        JobId job = accepted(after.submit(alice, after.photoOf(1)));

        assertThat(job).isEqualTo(draft.draft());
        after.delivery.await(VideoReady.class, job, WAIT);
        assertThat(after.generator.submissions().getFirst().photos()).hasSize(2);
    }

    @Test
    void a_draft_that_lapsed_while_the_program_was_down_expires_at_start() throws InterruptedException {
        before.start();
        Requester alice = before.requester("alice");
        var draft = (IntakeOutcome.AwaitingSecondPhoto) before.submit(alice, before.photoOf(1));
        before.core.close(WAIT);
        before.clock.advance(Duration.ofHours(1));

        after = before.restarted();
        after.start();

        assertThat(after.jobStore.find(draft.draft()).orElseThrow().state()).isEqualTo(new JobState.Expired());
        assertThat(after.media.count()).isZero();
    }

    /** Puts a job straight into the store, as a crashed program would have left it. */
    static final class RecoveryFixtures {
        /** A job of a requester of its own. */
        static Job jobIn(Harness h, JobState state) {
            return jobIn(h, state, "test:recovered-" + java.util.UUID.randomUUID());
        }

        static Job jobIn(Harness h, JobState state, String requester) {
            byte[] bytes = h.photoOf(2);
            var photo = h.media.put(MediaKind.PHOTO, new ByteArrayInputStream(bytes));
            var template = dev.kisscam.core.testing.JobStoreContract.sampleJob(1, state, requester);
            var jobPhoto = new dev.kisscam.core.domain.JobPhoto(new dev.kisscam.core.domain.Photo(photo.key(),
                    dev.kisscam.core.domain.ImageFormat.JPEG, new dev.kisscam.core.domain.Dimensions(640, 480),
                    photo.sizeBytes(), dev.kisscam.core.testing.TestImages.digestOf(bytes)), List.of());
            Job job = template.withPhotos(List.of(jobPhoto), state, h.clock.instant());
            h.jobStore.save(job);
            return job;
        }
    }
}
