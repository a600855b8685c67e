package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fake notes when a bot's long polling began: benchmarks time a start up to that moment. */
class FirstGetUpdatesTest {

    @Test
    void a_long_polling_bot_is_seen_polling_once_started() throws Exception {
        Instant before = Instant.now();
        try (BotRig rig = BotRig.longPolling()) {
            assertThat(rig.telegram.awaitFirstGetUpdates(BotRig.WAIT)).hasValueSatisfying(first ->
                    assertThat(first).isAfterOrEqualTo(before).isBeforeOrEqualTo(Instant.now()));
            assertThat(rig.telegram.calls("getUpdates")).as("getUpdates stays out of the calls").isEmpty();
        }
    }

    @Test
    void nothing_is_seen_where_no_bot_polls() throws Exception {
        try (FakeBotApi telegram = FakeBotApi.start()) {
            assertThat(telegram.awaitFirstGetUpdates(Duration.ofMillis(50))).isEmpty();
        }
    }
}
