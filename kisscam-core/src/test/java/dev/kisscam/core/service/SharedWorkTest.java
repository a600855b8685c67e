package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.service.RecoveryTest.RecoveryFixtures;
import dev.kisscam.core.service.job.LocalGenerationSlots;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.RecordingDelivery.Failed;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several processes over one job store: one queue, one limit, and the work of a dead process taken over. */
class SharedWorkTest {
    private Harness first;
    private Harness second;

    @BeforeEach
    void twoProcesses() {
        first = new Harness();
        first.slots = new LocalGenerationSlots(2);
        first.processName = "first";
        second = first.besideAs("second");
    }

    @AfterEach
    void stop() throws InterruptedException {
        first.close();
        second.close();
    }

    @Test
    void jobs_of_both_processes_share_one_limit_and_are_served_first_come_first_served() throws InterruptedException {
        first.generator.holdPolls();
        second.generator.holdPolls();
        first.start();
        second.start();
        var jobs = new ArrayList<JobId>();
        for (int i = 0; i < 6; i++) {
            Harness entry = i % 2 == 0 ? first : second;
            var accepted = (IntakeOutcome.JobAccepted) entry.submit(entry.requester("user" + i), entry.photoOf(2));
            jobs.add(accepted.job());
            // Jobs are served by their sequence, which follows the (shared) clock across processes.
            first.clock.advance(Duration.ofMillis(1));
        }

        awaitUntil(() -> first.generator.polls() + second.generator.polls() >= 2);
        assertThat(first.jobStore.waiting(first.clock.instant())).containsExactlyElementsOf(jobs.subList(2, 6));
        assertThat(first.core.runningGenerations()).isEqualTo(2);

        first.generator.releasePolls();
        second.generator.releasePolls();
        for (JobId job : jobs) {
            assertThat(first.awaitFinished(job).state()).isInstanceOf(JobState.Done.class);
        }
        var submitted = new ArrayList<JobId>();
        first.generator.submissions().forEach(r -> submitted.add(r.job()));
        second.generator.submissions().forEach(r -> submitted.add(r.job()));
        assertThat(submitted).containsExactlyInAnyOrderElementsOf(jobs);
    }

    @Test
    void a_generation_whose_process_died_is_polled_by_another_after_its_lease_never_submitted_again()
            throws InterruptedException {
        Job orphan = RecoveryFixtures.jobIn(first,
                new JobState.Generating(new GenerationTicket("ticket-of-the-dead"), 1, first.clock.instant()));
        claimForDeadProcess(orphan);
        second.generator.knowsTicket(new GenerationTicket("ticket-of-the-dead"), FakeVideoGenerator.ready());
        second.start();

        assertThat(second.jobStore.find(orphan.id()).orElseThrow().state()).isInstanceOf(JobState.Generating.class);
        second.clock.advance(Duration.ofSeconds(31));

        second.delivery.await(VideoReady.class, orphan.id(), WAIT);
        assertThat(second.generator.submissions()).isEmpty();
    }

    @Test
    void a_submission_whose_process_died_fails_without_a_second_one_and_a_delivery_goes_on() throws Exception {
        Job submitting = RecoveryFixtures.jobIn(first, new JobState.Submitting(1));
        var video = first.media.put(MediaKind.VIDEO, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Job delivering = RecoveryFixtures.jobIn(first, JobState.Delivering.stored(video.key(), 3, first.clock.instant()),
                "someone-else");
        claimForDeadProcess(submitting);
        claimForDeadProcess(delivering);
        second.start();
        second.clock.advance(Duration.ofSeconds(31));

        assertThat(second.delivery.await(Failed.class, submitting.id(), WAIT).failure().code())
                .isEqualTo(FailureCode.INTERRUPTED);
        second.delivery.await(VideoReady.class, delivering.id(), WAIT);
        assertThat(second.generator.submissions()).isEmpty();
    }

    @Test
    void a_process_started_without_jobs_takes_photos_and_leaves_every_job_to_the_others() throws InterruptedException {
        first.runsJobs = false;
        first.start();
        var accepted = (IntakeOutcome.JobAccepted) first.submit(first.requester("fronted"), first.photoOf(2));
        awaitUntil(() -> first.observer.queueReports() >= 3);
        assertThat(first.jobStore.waiting(first.clock.instant())).as("still queued after rounds of the frontend's dispatcher")
                .containsExactly(accepted.job());

        second.start();

        assertThat(second.awaitFinished(accepted.job()).state()).isInstanceOf(JobState.Done.class);
        assertThat(first.generator.submissions()).isEmpty();
        assertThat(second.generator.submissions()).extracting(r -> r.job()).containsExactly(accepted.job());
    }

    /** Waits for a condition both processes bring about between them. */
    private static void awaitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(5);
        }
    }

    private void claimForDeadProcess(Job job) {
        var now = first.clock.instant();
        for (JobStore.Work work : JobStore.Work.values()) {
            if (first.jobStore.claim(work, "dead", now, now.plusSeconds(30)).isPresent()) {
                return;
            }
        }
        throw new AssertionError("nothing to claim for " + job.id() + " among " + List.of(JobStore.Work.values()));
    }
}
