package dev.kisscam.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.testing.FakeVideoGenerator;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the provider charges is booked, and a daily budget stops new jobs, not the ones accepted. */
class SpendingTest {
    private static final long LOOK = 1_000_000L;
    private static final long VIDEO = FakeVideoGenerator.VIDEO_SPEND.usdTicks();
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
    void every_charge_is_booked_for_today_and_this_month() throws InterruptedException {
        h.start();
        var job = (IntakeOutcome.JobAccepted) h.submit(h.requester("alice"), h.photoOf(2));
        h.awaitFinished(job.job());

        assertThat(h.core.spentToday()).isEqualTo(LOOK + VIDEO);
        assertThat(h.core.spentThisMonth()).isEqualTo(LOOK + VIDEO);
        h.clock.advance(Duration.ofDays(1));
        assertThat(h.core.spentToday()).isZero();
    }

    @Test
    void once_todays_charges_reach_the_budget_new_jobs_are_refused_until_tomorrow() throws InterruptedException {
        h.settings = h.settings.withDailySpendLimit(VIDEO, 0);
        h.start();
        var first = (IntakeOutcome.JobAccepted) h.submit(h.requester("alice"), h.photoOf(2));
        h.awaitFinished(first.job());
        int looks = h.detector.calls();

        IntakeOutcome refused = h.submit(h.requester("bob"), h.photoOf(2));

        Instant midnight = Instant.parse("2026-11-27T00:00:00Z");
        assertThat(refused).isEqualTo(new IntakeOutcome.Refused(new Refusal.DailyBudgetReached(midnight)));
        assertThat(h.detector.calls()).as("refused before any paid look").isEqualTo(looks);
        assertThat(h.core.budgetReached()).isTrue();
        h.clock.advance(Duration.between(h.clock.instant(), midnight));
        assertThat(h.submit(h.requester("carol"), h.photoOf(2))).isInstanceOf(IntakeOutcome.JobAccepted.class);
    }

    @Test
    void jobs_in_flight_count_at_their_expected_cost_and_still_run() throws InterruptedException {
        h.settings = h.settings.withDailySpendLimit(3 * VIDEO, VIDEO + VIDEO / 2);
        h.generator.holdPolls();
        h.start();
        Requester alice = h.requester("alice");
        var first = (IntakeOutcome.JobAccepted) h.submit(alice, h.photoOf(2));
        var second = (IntakeOutcome.JobAccepted) h.submit(h.requester("bob"), h.photoOf(2));

        assertThat(h.submit(h.requester("carol"), h.photoOf(2))).isInstanceOfSatisfying(IntakeOutcome.Refused.class,
                r -> assertThat(r.refusal()).isInstanceOf(Refusal.DailyBudgetReached.class));
        h.generator.releasePolls();
        assertThat(h.awaitFinished(first.job()).state()).isInstanceOf(JobState.Done.class);
        assertThat(h.awaitFinished(second.job()).state()).isInstanceOf(JobState.Done.class);
        assertThat(h.delivery.eventsOf(dev.kisscam.core.testing.RecordingDelivery.VideoReady.class)).hasSize(2);
    }
}
