package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.RecordingDelivery;
import dev.kisscam.core.testing.RecordingDelivery.Failed;
import dev.kisscam.core.testing.RecordingDelivery.Position;
import dev.kisscam.core.testing.RecordingDelivery.Progress;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import dev.kisscam.core.testing.TestVideos;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerationTest {
    private final Harness h = new Harness();

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    private JobId jobFor(Requester requester, int people) {
        var outcome = people == 2 ? h.submit(requester, h.photoOf(2)) : h.submitAlbum(requester, h.photoOf(1), h.photoOf(1));
        assertThat(outcome).isInstanceOf(IntakeOutcome.JobAccepted.class);
        return ((IntakeOutcome.JobAccepted) outcome).job();
    }

    private Failed awaitFailure(JobId job) throws InterruptedException {
        return h.delivery.await(Failed.class, job, WAIT);
    }

    @Test
    void a_job_goes_from_photo_to_delivered_video_and_leaves_no_media_behind() throws InterruptedException {
        h.generator.video(TestVideos.minimalMp4());
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        VideoReady ready = h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(ready.video()).isEqualTo(TestVideos.minimalMp4());
        Job done = h.awaitFinished(job);
        assertThat(done.state()).isInstanceOf(JobState.Done.class);
        assertThat(done.spends()).contains(FakeVideoGenerator.VIDEO_SPEND);
        assertThat(h.media.count()).isZero();
        assertThat(h.delivery.eventsFor(job)).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("Progress", "Progress", "VideoReady");
        assertThat(h.observer.spends()).contains(FakeVideoGenerator.VIDEO_SPEND);
        assertThat(h.observer.stages()).contains(JobObserver.Stage.INTAKE, JobObserver.Stage.QUEUE,
                JobObserver.Stage.GENERATION, JobObserver.Stage.DELIVERY);
    }

    @Test
    void two_one_person_photos_go_to_the_generator_together() throws InterruptedException {
        h.start();
        Requester alice = h.requester("alice");
        byte[] first = h.photoOf(1);
        byte[] second = h.photoOf(1);
        h.submit(alice, first);
        JobId job = ((IntakeOutcome.JobAccepted) h.submit(alice, second)).job();

        h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(h.generator.submissions()).hasSize(1);
        assertThat(h.generator.submissions().getFirst().photos()).hasSize(2);
        assertThat(h.generator.submittedPhotoBytes()).containsExactly(first, second);
    }

    @Test
    void every_state_is_saved_before_the_step_that_follows_it() throws InterruptedException {
        var seenAtFirstPoll = new AtomicReference<JobState>();
        h.generator.onPoll(ticket -> seenAtFirstPoll.compareAndSet(null,
                h.jobStore.all().getFirst().state()));
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);
        h.awaitFinished(job);

        assertThat(seenAtFirstPoll.get()).isInstanceOfSatisfying(JobState.Generating.class,
                g -> assertThat(g.ticket().value()).startsWith("fake-1-"));
        List<String> states = h.jobStore.history().stream()
                .filter(j -> j.id().equals(job)).map(j -> j.state().getClass().getSimpleName()).toList();
        assertThat(states).containsExactly("Queued", "Submitting", "Generating", "Delivering", "Done");
    }

    @Test
    void waiting_jobs_are_served_first_come_first_served_and_hear_their_positions() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.generator.holdPolls();
        h.start();
        var jobs = new ArrayList<JobId>();
        var positions = new ArrayList<Integer>();
        for (int i = 0; i < 4; i++) {
            var accepted = (IntakeOutcome.JobAccepted) h.submit(h.requester("user" + i), h.photoOf(2));
            jobs.add(accepted.job());
            positions.add(accepted.queuePosition());
        }

        assertThat(positions).containsExactly(0, 1, 2, 3);
        h.generator.releasePolls();
        for (JobId job : jobs) {
            h.delivery.await(VideoReady.class, job, WAIT);
        }

        assertThat(h.generator.submissions()).extracting(r -> r.job()).containsExactlyElementsOf(jobs);
        // the last in line was told each time it moved up
        assertThat(h.delivery.eventsFor(jobs.get(3))).filteredOn(Position.class::isInstance)
                .extracting(e -> ((Position) e).position()).containsExactly(2, 1);
    }

    @Test
    void a_slot_coming_free_among_many_waiting_tells_only_the_places_that_matter() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.generator.holdPolls();
        h.start();
        Requester first = h.requester("first");
        jobFor(first, 2);
        var waiting = new ArrayList<JobId>();
        for (int i = 0; i < 39; i++) {
            waiting.add(jobFor(h.requester("user" + i), 2));
        }
        assertThat(h.delivery.eventsOf(Position.class)).isEmpty();

        h.core.control().cancel(first.id());

        // waiting.get(30) moves from 31 to 30: the last place worth a notice
        assertThat(h.delivery.await(Position.class, waiting.get(30), WAIT).position()).isEqualTo(30);
        assertThat(h.delivery.eventsOf(Position.class)).extracting(Position::position)
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30);
    }

    @Test
    void no_more_than_k_generations_run_at_once() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(2);
        h.generator.holdPolls();
        h.start();
        var jobs = new ArrayList<JobId>();
        for (int i = 0; i < 6; i++) {
            jobs.add(jobFor(h.requester("user" + i), 2));
        }
        h.generator.awaitPolls(2, WAIT);

        assertThat(h.core.runningGenerations()).isEqualTo(2);
        assertThat(h.core.queueDepth()).isEqualTo(4);
        assertThat(h.generator.submissions()).extracting(r -> r.job())
                .containsExactlyInAnyOrderElementsOf(jobs.subList(0, 2));

        h.generator.releasePolls();
        for (JobId job : jobs) {
            h.delivery.await(VideoReady.class, job, WAIT);
        }
        assertThat(h.generator.submissions()).extracting(r -> r.job()).containsExactlyInAnyOrderElementsOf(jobs);
        assertThat(h.observer.maxRunning()).isEqualTo(2);
    }

    @Test
    void position_notices_are_throttled() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1).withPositionNoticeInterval(Duration.ofMinutes(1));
        h.generator.holdPolls();
        h.start();
        var jobs = new ArrayList<JobId>();
        for (int i = 0; i < 3; i++) {
            jobs.add(jobFor(h.requester("user" + i), 2));
        }
        h.generator.releasePolls();
        h.delivery.await(VideoReady.class, jobs.get(2), WAIT);

        // the clock stood still, so nobody was told a new position within the minute
        assertThat(h.delivery.eventsOf(Position.class)).isEmpty();
    }

    @Test
    void progress_reaches_the_requester_and_never_goes_down() throws InterruptedException {
        h.generator.thenAnswer(new GenerationStatus.Pending(0), new GenerationStatus.Pending(30),
                new GenerationStatus.Pending(20), new GenerationStatus.Pending(70), FakeVideoGenerator.ready());
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);
        h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(h.delivery.eventsFor(job)).filteredOn(Progress.class::isInstance)
                .extracting(e -> ((Progress) e).percent()).containsExactly(0, 30, 70);
    }

    @Test
    void a_moderation_block_fails_the_job_once_and_for_all() throws InterruptedException {
        h.generator.thenAnswer(new GenerationStatus.Blocked("respect_moderation=false", new Spend("fake-video", 5)));
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        Failed failed = awaitFailure(job);

        assertThat(failed.failure().code()).isEqualTo(FailureCode.MODERATION_BLOCKED);
        assertThat(failed.failure().retryable()).isFalse();
        assertThat(h.generator.submissions()).hasSize(1);
        assertThat(h.awaitFinished(job).spends()).contains(new Spend("fake-video", 5));
        assertThat(h.media.count()).isZero();
    }

    @Test
    void a_transient_failure_is_submitted_again_once() throws InterruptedException {
        h.generator.thenAnswer(new GenerationStatus.Failed("internal_error", "try again", false, true, Spend.none("v")))
                .thenAnswer(FakeVideoGenerator.ready());
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        h.delivery.await(VideoReady.class, job, WAIT);
        assertThat(h.generator.submissions()).hasSize(2);
    }

    @Test
    void a_second_transient_failure_fails_the_job() throws InterruptedException {
        var failure = new GenerationStatus.Failed("internal_error", "boom", false, true, Spend.none("v"));
        h.generator.thenAnswer(failure).thenAnswer(failure).thenAnswer(FakeVideoGenerator.ready());
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        assertThat(awaitFailure(job).failure().code()).isEqualTo(FailureCode.GENERATION_FAILED);
        assertThat(awaitFailure(job).failure().detail()).contains("internal_error").contains("boom");
        assertThat(h.generator.submissions()).hasSize(2);
    }

    @Test
    void a_lasting_failure_or_expiry_is_not_submitted_again() throws InterruptedException {
        h.generator.thenAnswer(new GenerationStatus.Failed("invalid_argument", "bad image", false, false, Spend.none("v")))
                .thenAnswer(new GenerationStatus.Failed("expired", "expired", true, false, Spend.none("v")));
        h.start();
        JobId first = jobFor(h.requester("alice"), 2);
        assertThat(awaitFailure(first).failure().code()).isEqualTo(FailureCode.GENERATION_FAILED);
        JobId second = jobFor(h.requester("bob"), 2);
        assertThat(awaitFailure(second).failure().code()).isEqualTo(FailureCode.GENERATION_EXPIRED);

        assertThat(h.generator.submissions()).hasSize(2);
        // photos of a retryable failure are kept for a retry
        assertThat(h.media.countOf(MediaKind.PHOTO)).isEqualTo(2);
    }

    @Test
    void submission_failures_are_told_in_terms_a_user_understands() throws InterruptedException {
        h.start();
        var cases = List.of(
                new Object[] {ProviderFault.UNAVAILABLE, FailureCode.SERVICE_BUSY},
                new Object[] {ProviderFault.ACCESS_DENIED, FailureCode.SERVICE_NOT_AVAILABLE},
                new Object[] {ProviderFault.SUBMISSION_UNCONFIRMED, FailureCode.SUBMISSION_UNCONFIRMED});
        int user = 0;
        for (Object[] c : cases) {
            h.generator.failSubmissionsWith(new VideoGenerationException((ProviderFault) c[0], "provider said no"));
            JobId job = jobFor(h.requester("user" + user++), 2);
            assertThat(awaitFailure(job).failure().code()).isEqualTo(c[1]);
        }
        assertThat(h.generator.submissions()).isEmpty();
    }

    @Test
    void failing_polls_are_tried_again_because_the_generation_is_paid_for() throws InterruptedException {
        h.start();
        h.generator.failPollsWith(new VideoGenerationException(ProviderFault.UNAVAILABLE, "502"));
        JobId job = jobFor(h.requester("alice"), 2);
        h.generator.awaitPolls(5, WAIT);

        h.generator.failPollsWith(null);

        h.delivery.await(VideoReady.class, job, WAIT);
        assertThat(h.generator.submissions()).hasSize(1);
    }

    @Test
    void a_generation_that_takes_too_long_times_out() throws InterruptedException {
        h.generator.policy(new PollingPolicy(Duration.ZERO, Duration.ofMinutes(10)))
                .thenAnswer(new GenerationStatus.Pending(10))
                .onPoll(ticket -> h.clock.advance(Duration.ofMinutes(1)));
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        Failed failed = awaitFailure(job);

        assertThat(failed.failure().code()).isEqualTo(FailureCode.GENERATION_TIMED_OUT);
        assertThat(h.generator.polls()).isBetween(9, 11);
    }

    @Test
    void a_video_the_frontend_cannot_deliver_fails_the_job_and_is_deleted() throws InterruptedException {
        h.delivery.failVideoDelivery(true);
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        assertThat(awaitFailure(job).failure().code()).isEqualTo(FailureCode.DELIVERY_FAILED);
        assertThat(h.media.countOf(MediaKind.VIDEO)).isZero();
    }

    @Test
    void broken_status_updates_do_not_stop_the_job() throws InterruptedException {
        h.delivery.failStatusUpdates(true);
        h.start();
        JobId job = jobFor(h.requester("alice"), 2);

        assertThat(h.delivery.await(VideoReady.class, job, WAIT).video()).isEqualTo(TestVideos.minimalMp4());
        assertThat(h.delivery.eventsFor(job)).hasSize(1);
    }
}
