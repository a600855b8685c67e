package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** An outage is told once when it starts and once when it ends, however many calls fail in between. */
class TelegramReachabilityTest {
    private static final String TOKEN = "4242:reachability-token";
    private final TelegramReachability reachability = new TelegramReachability(URI.create("https://api.telegram.org"),
            new TokenRedaction(TOKEN), Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void many_failed_calls_are_one_warning_and_the_first_answer_after_them_one_info() {
        try (CapturedLog log = CapturedLog.of(TelegramReachability.class)) {
            reachability.answered();
            for (int i = 0; i < 50; i++) {
                reachability.unreachable("HTTP 502");
            }
            assertThat(reachability.outage()).contains("HTTP 502");
            reachability.answered();
            reachability.answered();

            assertThat(log.messages(Level.WARNING)).singleElement().asString()
                    .startsWith("cannot reach Telegram at https://api.telegram.org: HTTP 502");
            assertThat(log.messages(Level.INFO)).singleElement().asString().contains("answers again");
            assertThat(reachability.outage()).isEmpty();
        }
    }

    @Test
    void before_telegram_has_answered_once_a_failure_is_left_to_the_start_to_report() {
        try (CapturedLog log = CapturedLog.of(TelegramReachability.class)) {
            reachability.unreachable("UnknownHostException: api.telegram.org");

            assertThat(log.messages(Level.WARNING)).isEmpty();
            assertThat(reachability.outage()).contains("UnknownHostException: api.telegram.org");
        }
    }
}
