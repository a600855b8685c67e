package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.service.job.RequesterLocks;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.RecordingDelivery.Failed;
import dev.kisscam.core.testing.RecordingDelivery.Unreachable;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import dev.kisscam.core.testing.TestVideos;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core's part in never losing a paid video and never dropping a user's photo. */
class ReliabilityTest {
    private Harness h;

    @BeforeEach
    void harness() {
        h = new Harness();
    }

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    private JobId jobOf(IntakeOutcome outcome) {
        assertThat(outcome).isInstanceOf(IntakeOutcome.JobAccepted.class);
        return ((IntakeOutcome.JobAccepted) outcome).job();
    }

    private JobState.Delivering delivering(JobId job) {
        return (JobState.Delivering) h.jobStore.find(job).orElseThrow().state();
    }

    @Test
    void a_frontend_that_cannot_be_reached_keeps_the_video_and_gets_it_again_later() throws InterruptedException {
        h.delivery.unreachableFor(3);
        h.start();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));

        h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(h.delivery.eventsFor(job)).filteredOn(Unreachable.class::isInstance).hasSize(3);
        assertThat(h.awaitFinished(job).state()).isInstanceOf(JobState.Done.class);
        assertThat(h.generator.submissions()).hasSize(1);
        // every failed attempt was saved before the pause that followed it
        assertThat(h.jobStore.history()).filteredOn(j -> j.id().equals(job))
                .extracting(j -> j.state() instanceof JobState.Delivering d ? d.failedAttempts() : -1)
                .containsSubsequence(0, 1, 2, 3);
    }

    @Test
    void a_delivery_that_waits_after_a_restart_resumes_with_its_attempts_and_its_video() throws InterruptedException {
        h.delivery.unreachableFor(1_000);
        h.start();
        Requester alice = h.requester("alice");
        JobId job = jobOf(h.submit(alice, h.photoOf(2)));
        // The second attempt comes after the first was saved as failed.
        h.delivery.await(Unreachable.class, e -> e.job().equals(job)
                && h.delivery.eventsFor(job).stream().filter(Unreachable.class::isInstance).count() >= 2, WAIT);
        h.close();
        int attempts = delivering(job).failedAttempts();
        assertThat(attempts).isPositive();
        assertThat(h.media.contains(delivering(job).video())).as("the paid video is kept").isTrue();

        Harness after = h.restarted();
        h = after;
        after.start();

        after.delivery.await(VideoReady.class, job, WAIT);
        assertThat(after.awaitFinished(job).state()).isInstanceOf(JobState.Done.class);
        assertThat(after.generator.submissions()).as("never generated again").isEmpty();
    }

    @Test
    void a_frontend_unreachable_for_longer_than_the_patience_fails_the_job_and_then_deletes_the_video()
            throws InterruptedException {
        h.settings = h.settings.withDeliveryRetries(Duration.ofMillis(20), Duration.ofMinutes(30));
        h.delivery.unreachableFor(1_000);
        h.start();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));
        h.delivery.await(Unreachable.class, job, WAIT);
        assertThat(h.media.countOf(MediaKind.VIDEO)).isEqualTo(1);

        h.clock.advance(Duration.ofMinutes(31));

        assertThat(h.delivery.await(Failed.class, job, WAIT).failure().code()).isEqualTo(FailureCode.DELIVERY_FAILED);
        assertThat(h.media.countOf(MediaKind.VIDEO)).isZero();
    }

    @Test
    void a_frontend_that_refuses_for_good_fails_the_job_at_once() throws InterruptedException {
        h.delivery.failVideoDelivery(true);
        h.start();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));

        assertThat(h.delivery.await(Failed.class, job, WAIT).failure().code()).isEqualTo(FailureCode.DELIVERY_FAILED);
        assertThat(h.delivery.eventsFor(job)).noneMatch(Unreachable.class::isInstance);
    }

    @Test
    void a_video_waiting_for_its_frontend_holds_no_generation_slot() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.delivery.unreachableFor(1_000);
        h.start();
        JobId stuck = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));
        h.delivery.await(Unreachable.class, stuck, WAIT);

        var second = (IntakeOutcome.JobAccepted) h.submit(h.requester("bob"), h.photoOf(2));

        assertThat(second.queuePosition()).as("a slot is free at once").isZero();
        h.generator.awaitPolls(2, WAIT);
        assertThat(h.core.runningGenerations()).isLessThanOrEqualTo(1);
    }

    @Test
    void a_job_resumed_after_a_stop_longer_than_the_timeout_is_polled_once_and_its_ready_video_kept()
            throws InterruptedException {
        h.generator.holdPolls();
        h.start();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));
        h.generator.awaitPolls(1, WAIT);
        // Stopped while its poll is held: the provider has not answered, the ticket is saved.
        h.core.close(Duration.ofSeconds(5));

        Harness after = h.restarted();
        h = after;
        after.clock.advance(Duration.ofHours(5));
        var ticket = ((JobState.Generating) after.jobStore.find(job).orElseThrow().state()).ticket();
        after.generator.knowsTicket(ticket, FakeVideoGenerator.ready());
        after.start();

        after.delivery.await(VideoReady.class, job, WAIT);
        assertThat(after.awaitFinished(job).state()).isInstanceOf(JobState.Done.class);
    }

    @Test
    void a_poll_refused_for_access_is_tried_again_until_the_video_is_ready() throws InterruptedException {
        h.generator.thenAnswer(FakeVideoGenerator.ready());
        h.generator.failPollsWith(new VideoGenerationException(ProviderFault.ACCESS_DENIED, "403 for a moment"));
        h.start();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));
        h.generator.awaitPolls(2, WAIT);

        h.generator.failPollsWith(null);

        h.delivery.await(VideoReady.class, job, WAIT);
        assertThat(h.generator.submissions()).hasSize(1);
    }

    @Test
    void polls_refused_until_the_deadline_fail_the_job_as_unavailable_without_a_second_submission()
            throws InterruptedException {
        h.generator.policy(new PollingPolicy(Duration.ZERO, Duration.ofMinutes(10)));
        h.generator.failPollsWith(new VideoGenerationException(ProviderFault.ACCESS_DENIED, "key revoked"));
        h.start();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));
        h.generator.awaitPolls(2, WAIT);

        h.clock.advance(Duration.ofMinutes(11));

        assertThat(h.delivery.await(Failed.class, job, WAIT).failure().code())
                .isEqualTo(FailureCode.SERVICE_NOT_AVAILABLE);
        assertThat(h.generator.submissions()).hasSize(1);
    }

    @Test
    void the_first_poll_of_a_fresh_submission_waits_one_interval() throws InterruptedException {
        Duration interval = Duration.ofMillis(300);
        h.generator.policy(new PollingPolicy(interval, Duration.ofMinutes(10)));
        var submittedAt = new long[1];
        var firstPollAt = new long[1];
        h.generator.onPoll(ticket -> {
            if (firstPollAt[0] == 0) {
                firstPollAt[0] = System.nanoTime();
            }
        });
        h.start();
        submittedAt[0] = System.nanoTime();
        JobId job = jobOf(h.submit(h.requester("alice"), h.photoOf(2)));

        h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(Duration.ofNanos(firstPollAt[0] - submittedAt[0])).isGreaterThanOrEqualTo(interval);
    }

    @Test
    void a_job_that_runs_out_of_memory_ends_cleanly_and_its_requester_goes_on() throws InterruptedException {
        h.generator.crashSubmissionsWith(new OutOfMemoryError("Java heap space"));
        h.start();
        Requester alice = h.requester("alice");
        JobId crashed = jobOf(h.submit(alice, h.photoOf(2)));

        assertThat(h.delivery.await(Failed.class, crashed, WAIT).failure().code()).isEqualTo(FailureCode.INTERNAL_ERROR);
        h.generator.crashSubmissionsWith(null);
        JobId next = jobOf(h.submit(alice, h.photoOf(2)));
        h.delivery.await(VideoReady.class, next, WAIT);
    }

    @Test
    void one_users_slow_photo_keeps_no_one_else_waiting_not_even_on_the_same_lock() throws Exception {
        h.start();
        var locks = new RequesterLocks();
        Requester alice = h.requester("alice");
        Requester bob = null;
        for (int i = 0; bob == null; i++) {
            var candidate = new RequesterId("test:bob" + i);
            if (locks.of(candidate) == locks.of(alice.id())) {
                bob = h.requester("bob" + i);
            }
        }
        byte[] slow = h.photoOf(2);
        var release = new CountDownLatch(1);
        h.detector.holdWhileLookingAt(slow, release);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<IntakeOutcome> alicesPhoto = executor.submit(() -> h.submit(alice, slow));
            h.detector.awaitLooking(WAIT);

            Requester sameStripe = bob;
            Future<IntakeOutcome> bobsPhoto = executor.submit(() -> h.submit(sameStripe, h.photoOf(2)));
            assertThat(bobsPhoto.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(IntakeOutcome.JobAccepted.class);
            assertThat(h.core.control().cancel(alice.id())).isInstanceOf(CancelOutcome.NothingToCancel.class);

            release.countDown();
            assertThat(alicesPhoto.get()).isInstanceOf(IntakeOutcome.JobAccepted.class);
        }
    }

    @Test
    void two_photos_at_once_from_one_user_make_one_job_and_a_clear_refusal() throws Exception {
        h.generator.holdPolls();
        h.start();
        Requester alice = h.requester("alice");
        byte[] first = h.photoOf(2);
        var release = new CountDownLatch(1);
        h.detector.holdWhileLookingAt(first, release);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<IntakeOutcome> slow = executor.submit(() -> h.submit(alice, first));
            h.detector.awaitLooking(WAIT);
            IntakeOutcome quick = h.submit(alice, h.photoOf(2));
            release.countDown();

            assertThat(quick).isInstanceOf(IntakeOutcome.JobAccepted.class);
            assertThat(slow.get()).isInstanceOfSatisfying(IntakeOutcome.Refused.class,
                    r -> assertThat(r.refusal()).isInstanceOf(Refusal.JobAlreadyActive.class));
        }
        assertThat(h.media.countOf(MediaKind.PHOTO)).as("the refused photo is not kept").isEqualTo(1);
    }

    @Test
    void a_cancel_button_acts_only_on_the_job_it_names() throws InterruptedException {
        h.generator.holdPolls();
        h.start();
        Requester alice = h.requester("alice");
        JobId old = jobOf(h.submit(alice, h.photoOf(2)));
        h.generator.releasePolls();
        h.awaitFinished(old);
        h.generator.holdPolls();
        JobId current = jobOf(h.submit(alice, h.photoOf(2)));

        assertThat(h.core.control().cancel(alice.id(), old)).isInstanceOf(CancelOutcome.NothingToCancel.class);
        assertThat(h.core.control().cancel(h.requester("mallory").id(), current))
                .isInstanceOf(CancelOutcome.NothingToCancel.class);
        assertThat(h.jobStore.find(current).orElseThrow().state().finished()).isFalse();

        assertThat(h.core.control().cancel(alice.id(), current)).isInstanceOf(CancelOutcome.Cancelled.class);
    }

    @Test
    void a_cancelled_queued_job_gives_its_quota_back_a_moderated_one_does_not() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.generator.holdPolls();
        h.start();
        jobOf(h.submit(h.requester("first"), h.photoOf(2)));
        Requester alice = h.requester("alice");
        JobId queued = jobOf(h.submit(alice, h.photoOf(2)));
        assertThat(h.core.usage().usage(alice.id()).quota().used()).isEqualTo(1);

        h.core.control().cancel(alice.id(), queued);

        assertThat(h.core.usage().usage(alice.id()).quota().used()).isZero();
        h.generator.releasePolls();
        h.generator.thenAnswer(new GenerationStatus.Blocked("moderation", dev.kisscam.core.domain.Spend.none("v")));
        JobId blocked = jobOf(h.submit(alice, h.photoOf(2)));
        h.delivery.await(Failed.class, blocked, WAIT);
        assertThat(h.core.usage().usage(alice.id()).quota().used()).isEqualTo(1);
    }

    @Test
    void photos_refused_for_what_they_show_are_limited_before_another_paid_look() throws InterruptedException {
        h.refusedPhotos = new InMemoryQuota(2, Duration.ofHours(1));
        h.start();
        Requester alice = h.requester("alice");
        h.submit(alice, h.photoOf(0));
        h.submit(alice, h.photoOf(3));
        int looks = h.detector.calls();

        IntakeOutcome third = h.submit(alice, h.photoOf(2));

        assertThat(third).isInstanceOfSatisfying(IntakeOutcome.Refused.class, r ->
                assertThat(r.refusal()).isInstanceOf(Refusal.TooManyRefusedPhotos.class));
        assertThat(h.detector.calls()).isEqualTo(looks);
        assertThat(h.core.usage().usage(alice.id()).quota().used()).isZero();
    }
}
