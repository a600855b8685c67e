package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.SpendLedger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What the provider charges: every charge is booked in the ledger and told to the observer, and a daily
 * budget, when set, refuses new jobs once today's charges and the expected cost of the jobs still in
 * flight reach it. Jobs already accepted still run. Days are UTC days.
 */
public final class Spending {
    private final SpendLedger ledger;
    private final JobObserver observer;
    private final Jobs jobs;
    private final long dailyLimitTicks;
    private final long expectedTicksPerJob;

    /**
     * @param dailyLimitTicks the daily budget in ticks of 1e-10 USD; 0 for none
     * @param expectedTicksPerJob what a job in flight is expected to cost, counted against the budget until
     *     its real cost is booked
     */
    public Spending(SpendLedger ledger, JobObserver observer, Jobs jobs, long dailyLimitTicks, long expectedTicksPerJob) {
        this.ledger = ledger;
        this.observer = observer;
        this.jobs = jobs;
        this.dailyLimitTicks = dailyLimitTicks;
        this.expectedTicksPerJob = expectedTicksPerJob;
    }

    /** Books a charge the provider reported; a free answer books nothing. */
    public void record(Spend spend) {
        if (spend.usdTicks() > 0) {
            ledger.record(spend, jobs.now());
            observer.spent(spend);
        }
    }

    public long ticksToday() {
        Instant now = jobs.now();
        return ledger.ticksBetween(startOfDay(now), now.plusNanos(1));
    }

    public long ticksThisMonth() {
        Instant now = jobs.now();
        Instant monthStart = LocalDate.ofInstant(now, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return ledger.ticksBetween(monthStart, now.plusNanos(1));
    }

    /** The refusal new jobs get once the daily budget is reached; empty while it is not, or when there is none. */
    public Optional<Refusal> budgetRefusal() {
        if (dailyLimitTicks <= 0) {
            return Optional.empty();
        }
        long inFlight = expectedTicksPerJob <= 0 ? 0 : jobs.unfinished().stream()
                .filter(job -> job.state() instanceof JobState.Queued || job.state() instanceof JobState.Submitting
                        || job.state() instanceof JobState.Generating)
                .count() * expectedTicksPerJob;
        return ticksToday() + inFlight >= dailyLimitTicks
                ? Optional.of(new Refusal.DailyBudgetReached(startOfDay(jobs.now()).plusSeconds(24 * 3600)))
                : Optional.empty();
    }

    private static Instant startOfDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
