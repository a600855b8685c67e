package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.Quota;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What every {@link Quota} must do, given a limit of 3 per hour. */
public abstract class QuotaContract {

    protected static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** A quota of 3 jobs per hour. */
    protected abstract Quota threePerHour();

    @Test
    void the_limit_holds_within_a_period_and_resets_after_it() {
        Quota quota = threePerHour();
        var id = new RequesterId("telegram:1");

        assertThat(quota.tryConsume(id, T0)).isTrue();
        assertThat(quota.tryConsume(id, T0.plusSeconds(10))).isTrue();
        assertThat(quota.tryConsume(id, T0.plusSeconds(20))).isTrue();
        assertThat(quota.tryConsume(id, T0.plusSeconds(30))).isFalse();

        var status = quota.status(id, T0.plusSeconds(40));
        assertThat(status.used()).isEqualTo(3);
        assertThat(status.remaining()).isZero();
        assertThat(status.resetsAt()).isAfter(T0.plusSeconds(40)).isBeforeOrEqualTo(T0.plus(Duration.ofHours(1)).plusSeconds(30));

        Instant later = status.resetsAt().plusSeconds(1);
        assertThat(quota.tryConsume(id, later)).isTrue();
        assertThat(quota.status(id, later).remaining()).isEqualTo(2);
    }

    @Test
    void requesters_do_not_share_a_quota() {
        Quota quota = threePerHour();
        for (int i = 0; i < 3; i++) {
            quota.tryConsume(new RequesterId("telegram:1"), T0);
        }
        assertThat(quota.tryConsume(new RequesterId("telegram:2"), T0)).isTrue();
        assertThat(quota.status(new RequesterId("telegram:3"), T0).used()).isZero();
    }

    @Test
    void concurrent_consumers_never_exceed_the_limit() {
        Quota quota = threePerHour();
        var granted = new AtomicInteger();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                executor.submit(() -> {
                    if (quota.tryConsume(new RequesterId("telegram:1"), T0)) {
                        granted.incrementAndGet();
                    }
                });
            }
        }
        assertThat(granted).hasValue(3);
    }

    @Test
    void a_refund_gives_one_back_in_the_same_period_and_never_goes_below_zero() {
        Quota quota = threePerHour();
        var id = new RequesterId("telegram:1");
        for (int i = 0; i < 3; i++) {
            quota.tryConsume(id, T0);
        }

        quota.refund(id, T0.plusSeconds(5));
        assertThat(quota.status(id, T0.plusSeconds(5)).used()).isEqualTo(2);
        assertThat(quota.tryConsume(id, T0.plusSeconds(6))).isTrue();

        var fresh = new RequesterId("telegram:2");
        quota.refund(fresh, T0);
        assertThat(quota.status(fresh, T0).used()).isZero();
        assertThat(quota.tryConsume(fresh, T0)).isTrue();
        quota.refund(fresh, T0);
        quota.refund(fresh, T0);
        assertThat(quota.status(fresh, T0).used()).isZero();
    }

    @Test
    void a_refund_after_the_period_gives_nothing_into_the_next_one() {
        Quota quota = threePerHour();
        var id = new RequesterId("telegram:1");
        quota.tryConsume(id, T0);
        Instant nextPeriod = T0.plus(Duration.ofHours(1)).plusSeconds(1);
        quota.tryConsume(id, nextPeriod);

        quota.refund(id, T0.plus(Duration.ofHours(2)).plusSeconds(2));

        assertThat(quota.status(id, nextPeriod).used()).isEqualTo(1);
    }
}
