package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.SpendLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** What every {@link SpendLedger} must do; {@link #reopen()} as in {@link JobStoreContract}. */
public abstract class SpendLedgerContract {

    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00.000001Z");

    protected abstract SpendLedger newLedger() throws Exception;

    protected abstract SpendLedger reopen() throws Exception;

    @Test
    void charges_are_summed_from_inclusive_to_exclusive_across_a_reopen() throws Exception {
        SpendLedger ledger = newLedger();
        ledger.record(new Spend("grok", 100), T0);
        ledger.record(new Spend("grok", 20), T0.plusSeconds(10));
        ledger.record(new Spend("vision", 3), T0.plus(Duration.ofDays(1)));

        SpendLedger reopened = reopen();
        assertThat(reopened.ticksBetween(T0, T0.plusSeconds(10))).isEqualTo(100);
        assertThat(reopened.ticksBetween(T0, T0.plusSeconds(10).plusNanos(1))).isEqualTo(120);
        assertThat(reopened.ticksBetween(T0.plusNanos(1), T0.plus(Duration.ofDays(2)))).isEqualTo(23);
        assertThat(reopened.ticksBetween(T0.minusSeconds(60), T0)).isZero();
    }

    @Test
    void concurrent_charges_all_count() throws Exception {
        SpendLedger ledger = newLedger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                int second = i;
                executor.submit(() -> ledger.record(new Spend("grok", 7), T0.plusSeconds(second)));
            }
        }
        assertThat(ledger.ticksBetween(T0, T0.plus(Duration.ofDays(1)))).isEqualTo(700);
    }
}
