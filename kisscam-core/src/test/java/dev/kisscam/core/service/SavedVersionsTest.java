package dev.kisscam.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.in.IntakeOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operators can follow a job through its stages: every saved version is told to the observer, in order. */
class SavedVersionsTest {
    private Harness h;

    @BeforeEach
    void harness() {
        h = new Harness();
    }

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    @Test
    void a_delivered_job_is_seen_queued_submitting_generating_delivering_and_done() throws InterruptedException {
        h.start();
        var accepted = (IntakeOutcome.JobAccepted) h.submit(h.requester("alice"), h.photoOf(2));
        Job last = h.awaitFinished(accepted.job());

        var kinds = h.observer.savedVersionsOf(accepted.job()).stream()
                .map(job -> job.state().getClass().getSimpleName()).distinct().toList();
        assertThat(kinds).containsExactly("Queued", "Submitting", "Generating", "Delivering", "Done");
        assertThat(h.observer.savedVersionsOf(accepted.job()).getLast()).isEqualTo(last);
        assertThat(last.state()).isInstanceOf(JobState.Done.class);
    }
}
