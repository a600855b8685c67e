package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.UsageReport;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.RecordingDelivery.Cancelled;
import dev.kisscam.core.testing.RecordingDelivery.Failed;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ControlTest {
    private final Harness h = new Harness();

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    private JobId accepted(IntakeOutcome outcome) {
        assertThat(outcome).isInstanceOf(IntakeOutcome.JobAccepted.class);
        return ((IntakeOutcome.JobAccepted) outcome).job();
    }

    @Test
    void cancelling_a_draft_drops_its_photo() throws InterruptedException {
        h.start();
        Requester alice = h.requester("alice");
        var draft = (IntakeOutcome.AwaitingSecondPhoto) h.submit(alice, h.photoOf(1));

        var outcome = h.core.control().cancel(alice.id());

        assertThat(outcome).isEqualTo(new CancelOutcome.Cancelled(draft.draft(), CancelOutcome.What.DRAFT));
        assertThat(h.awaitFinished(draft.draft()).state()).isEqualTo(new JobState.Cancelled());
        assertThat(h.media.count()).isZero();
        assertThat(h.submit(alice, h.photoOf(1))).isInstanceOf(IntakeOutcome.AwaitingSecondPhoto.class);
    }

    @Test
    void cancelling_a_queued_job_takes_it_out_of_line_and_the_others_move_up() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.generator.holdPolls();
        h.start();
        Requester alice = h.requester("alice");
        Requester bob = h.requester("bob");
        Requester carol = h.requester("carol");
        JobId running = accepted(h.submit(alice, h.photoOf(2)));
        JobId queued = accepted(h.submit(bob, h.photoOf(2)));
        JobId last = accepted(h.submit(carol, h.photoOf(2)));

        assertThat(h.core.control().cancel(bob.id()))
                .isEqualTo(new CancelOutcome.Cancelled(queued, CancelOutcome.What.QUEUED_JOB));
        h.delivery.await(Cancelled.class, queued, WAIT);
        h.generator.releasePolls();
        h.delivery.await(VideoReady.class, last, WAIT);

        assertThat(h.generator.submissions()).extracting(r -> r.job()).containsExactly(running, last);
        assertThat(h.jobStore.find(queued).orElseThrow().state()).isEqualTo(new JobState.Cancelled());
    }

    @Test
    void cancelling_a_running_job_stops_polling_and_abandons_the_provider_job() throws InterruptedException {
        h.generator.holdPolls();
        h.start();
        Requester alice = h.requester("alice");
        JobId job = accepted(h.submit(alice, h.photoOf(2)));
        h.generator.awaitPolls(1, WAIT);

        var outcome = h.core.control().cancel(alice.id());

        assertThat(outcome).isEqualTo(new CancelOutcome.Cancelled(job, CancelOutcome.What.RUNNING_JOB));
        h.delivery.await(Cancelled.class, job, WAIT);
        assertThat(h.awaitFinished(job).state()).isEqualTo(new JobState.Cancelled());
        h.core.close(WAIT); // the job's thread has ended: no poll can follow
        int pollsAtCancel = h.generator.polls();
        h.generator.releasePolls();
        assertThat(h.generator.polls()).isEqualTo(pollsAtCancel).isEqualTo(1);
        assertThat(h.delivery.eventsOf(VideoReady.class)).isEmpty();
        assertThat(h.delivery.eventsOf(Failed.class)).isEmpty();
        assertThat(h.media.count()).isZero();
    }

    @Test
    void with_nothing_to_cancel_it_says_so() {
        h.start();
        assertThat(h.core.control().cancel(h.requester("alice").id())).isEqualTo(new CancelOutcome.NothingToCancel());
    }

    @Test
    void a_job_the_provider_failed_gives_its_quota_back_and_its_retry_costs_it_once() throws InterruptedException {
        h.quota = new InMemoryQuota(5, Duration.ofHours(1));
        h.generator.thenAnswer(new GenerationStatus.Failed("invalid_argument", "nope", false, false, Spend.none("v")))
                .thenAnswer(FakeVideoGenerator.ready());
        h.start();
        Requester alice = h.requester("alice");
        byte[] first = h.photoOf(1);
        byte[] second = h.photoOf(1);
        JobId failed = accepted(h.submitAlbum(alice, first, second));
        assertThat(h.delivery.await(Failed.class, failed, WAIT).failure().retryable()).isTrue();
        assertThat(h.core.usage().usage(alice.id()).quota().used()).as("the provider's failure is refunded").isZero();

        JobId retried = accepted(h.core.control().retry(alice, failed));

        h.delivery.await(VideoReady.class, retried, WAIT);
        assertThat(h.generator.submittedPhotoBytes()).containsExactly(first, second, first, second);
        assertThat(h.detector.calls()).isEqualTo(2);
        assertThat(h.core.usage().usage(alice.id()).quota().used()).isEqualTo(1);
        h.awaitFinished(retried);
        assertThat(h.core.control().retry(alice, failed)).isEqualTo(new IntakeOutcome.Refused(
                new Refusal.NotRetryable("the photos are no longer kept")));
    }

    @Test
    void what_a_retry_cannot_mend_is_not_retried() throws InterruptedException {
        h.generator.thenAnswer(new GenerationStatus.Blocked("moderation", Spend.none("v")));
        h.start();
        Requester alice = h.requester("alice");
        JobId blocked = accepted(h.submit(alice, h.photoOf(2)));
        h.delivery.await(Failed.class, blocked, WAIT);

        assertThat(h.core.control().retry(alice, blocked)).isInstanceOfSatisfying(IntakeOutcome.Refused.class,
                r -> assertThat(r.refusal()).isInstanceOf(Refusal.NotRetryable.class));
        assertThat(h.core.control().retry(h.requester("mallory"), blocked)).isInstanceOfSatisfying(IntakeOutcome.Refused.class,
                r -> assertThat(r.refusal()).isEqualTo(new Refusal.NotRetryable("no such job of this requester")));
        assertThat(h.generator.submissions()).hasSize(1);
    }

    @Test
    void usage_reports_videos_quota_and_the_job_in_progress() throws InterruptedException {
        h.quota = new InMemoryQuota(3, Duration.ofHours(1));
        h.start();
        Requester alice = h.requester("alice");
        JobId first = accepted(h.submit(alice, h.photoOf(2)));
        h.awaitFinished(first);
        h.generator.holdPolls();
        JobId second = accepted(h.submit(alice, h.photoOf(2)));

        UsageReport usage = h.core.usage().usage(alice.id());

        assertThat(usage.videosDelivered()).isEqualTo(1);
        assertThat(usage.quota().used()).isEqualTo(2);
        assertThat(usage.quota().remaining()).isEqualTo(1);
        assertThat(usage.quota().resetsAt()).isEqualTo(h.clock.instant().plus(Duration.ofHours(1)));
        assertThat(usage.activeJob()).contains(second);
        assertThat(usage.draftWaiting()).isFalse();
    }

    @Test
    void a_job_failing_for_storage_says_so() throws InterruptedException {
        h.start();
        Requester alice = h.requester("alice");
        h.generator.holdPolls();
        JobId job = accepted(h.submit(alice, h.photoOf(2)));
        h.generator.awaitPolls(1, WAIT);
        h.media.failing(true);
        h.generator.releasePolls();

        assertThat(h.delivery.await(Failed.class, job, WAIT).failure().code()).isEqualTo(FailureCode.STORAGE_FAILED);
    }
}
