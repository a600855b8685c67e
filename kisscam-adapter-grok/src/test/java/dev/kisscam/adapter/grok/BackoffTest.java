package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.port.out.ProviderFault;
import io.github.resilience4j.core.functions.Either;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(
            new GrokConfig.RetrySettings(5, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(30)));

    @Test
    void without_retry_after_the_wait_doubles_with_half_jitter_up_to_the_maximum() {
        for (int i = 0; i < 50; i++) {
            assertThat(backoff.apply(1, Either.left(transientFailure(null)))).isBetween(50L, 150L);
            assertThat(backoff.apply(2, Either.left(transientFailure(null)))).isBetween(100L, 300L);
            assertThat(backoff.apply(5, Either.left(transientFailure(null)))).isBetween(150L, 450L);
        }
    }

    @Test
    void a_retry_after_is_the_wait_exactly() {
        assertThat(backoff.apply(1, Either.left(transientFailure(Duration.ofSeconds(7))))).isEqualTo(7000L);
        assertThat(backoff.apply(3, Either.left(transientFailure(Duration.ZERO)))).isZero();
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryAfter.parse("120", clock)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 3 ", clock)).isEqualTo(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 08:00:45 GMT", clock)).isEqualTo(Duration.ofSeconds(45));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 07:00:00 GMT", clock)).isEqualTo(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", clock)).isNull();
        assertThat(RetryAfter.parse("-5", clock)).isNull();
        assertThat(RetryAfter.parse(null, clock)).isNull();
    }

    private static XaiFailure transientFailure(Duration retryAfter) {
        XaiFailure failure = XaiFailure.forStatus(Endpoint.VIDEO, Repeat.SAFE, 429, new ErrorBody("", "slow down"), retryAfter);
        assertThat(failure.fault()).isEqualTo(ProviderFault.UNAVAILABLE);
        assertThat(failure.retryable()).isTrue();
        return failure;
    }
}
