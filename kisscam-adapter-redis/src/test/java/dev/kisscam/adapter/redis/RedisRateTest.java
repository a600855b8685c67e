package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisRateTest {
    @RegisterExtension
    final RedisInstances redis = new RedisInstances();

    private RedisRate rate(int permits, Duration period) {
        return redis.instance().rate("xai", permits, period);
    }

    @Test
    void the_rate_holds_for_all_instances_together() {
        RedisRate first = rate(3, Duration.ofMinutes(1));
        RedisRate second = rate(3, Duration.ofMinutes(1));
        var granted = new AtomicInteger();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                RedisRate instance = i % 2 == 0 ? first : second;
                executor.submit(() -> {
                    if (instance.acquire(Duration.ZERO)) {
                        granted.incrementAndGet();
                    }
                });
            }
        }

        assertThat(granted).hasValue(3);
    }

    @Test
    void a_caller_waits_for_the_next_permit_within_its_limit() {
        RedisRate rate = rate(1, Duration.ofMillis(1500));
        assertThat(rate.acquire(Duration.ZERO)).isTrue();
        assertThat(rate.acquire(Duration.ZERO)).as("the one permit of this period is taken").isFalse();

        long start = System.nanoTime();
        assertThat(rate.acquire(Duration.ofSeconds(5))).as("the next period's permit").isTrue();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(200));
    }

    @Test
    void an_interrupted_caller_gets_no_permit_and_keeps_its_interrupt() {
        RedisRate rate = rate(5, Duration.ofMinutes(1));
        Thread.currentThread().interrupt();
        try {
            assertThat(rate.acquire(Duration.ofSeconds(5))).isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(rate.acquire(Duration.ZERO)).isTrue();
    }

    @Test
    void an_instance_with_another_rate_overrules_the_earlier_one() {
        RedisRate strict = rate(1, Duration.ofMinutes(1));
        assertThat(strict.acquire(Duration.ZERO)).isTrue();
        assertThat(strict.acquire(Duration.ZERO)).isFalse();

        RedisRate generous = rate(100, Duration.ofMinutes(1));

        assertThat(generous.acquire(Duration.ZERO)).isTrue();
        assertThat(generous.acquire(Duration.ZERO)).isTrue();
    }

    @Test
    void a_rate_redis_forgot_is_set_again() {
        RedisRate rate = rate(1, Duration.ofMinutes(1));
        assertThat(rate.acquire(Duration.ZERO)).isTrue();

        redis.forgetEverything(); // as a restart without its data

        assertThat(rate.acquire(Duration.ZERO)).isTrue();
        assertThat(rate.acquire(Duration.ZERO)).as("one a minute again").isFalse();
    }
}
