package dev.kisscam.app.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.testing.QuotaContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineQuotaTest extends QuotaContract {

    @Override
    protected Quota threePerHour() {
        return new CaffeineQuota(3, Duration.ofHours(1));
    }

    @Test
    void requesters_whose_window_passed_are_forgotten() {
        var nanos = new AtomicLong();
        var quota = new CaffeineQuota(3, Duration.ofHours(1), nanos::get);
        quota.tryConsume(new RequesterId("telegram:1"), T0);
        quota.tryConsume(new RequesterId("telegram:2"), T0);
        assertThat(quota.activeRequesters()).isEqualTo(2);

        nanos.addAndGet(Duration.ofHours(1).plusSeconds(1).toNanos());

        assertThat(quota.activeRequesters()).isZero();
    }
}
