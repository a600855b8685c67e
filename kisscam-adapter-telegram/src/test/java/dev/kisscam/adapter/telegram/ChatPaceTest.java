package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule of a chat's pace, followed exactly with made-up {@code nanoTime} values: no clock, no threads. */
class ChatPaceTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final long CHAT = 7;

    private static ChatPace pace(int burst) {
        return new ChatPace(new TelegramConfig.FloodLimits(1000, 1, burst), Duration.ofMinutes(1));
    }

    @Test
    void a_chat_never_seen_is_free() {
        assertThat(pace(1).untilFree(CHAT, 123 * SECOND)).isZero();
    }

    @Test
    void a_quiet_chat_takes_three_calls_at_once_and_the_fourth_a_second_later() {
        var pace = pace(3);
        for (int i = 0; i < 3; i++) {
            assertThat(pace.untilFree(CHAT, 0)).as("call %d", i + 1).isLessThanOrEqualTo(0);
            pace.take(CHAT, 0);
        }
        assertThat(pace.untilFree(CHAT, 0)).isEqualTo(SECOND);
    }

    @Test
    void a_video_right_after_a_status_message_goes_at_once_with_a_burst_and_waits_the_second_out_without() {
        long statusSent = 5 * SECOND;
        long videoReady = statusSent + 300_000_000L;
        var withBurst = pace(3);
        var strict = pace(1);
        withBurst.take(CHAT, statusSent);
        strict.take(CHAT, statusSent);

        assertThat(withBurst.untilFree(CHAT, videoReady)).isLessThanOrEqualTo(0);
        assertThat(strict.untilFree(CHAT, videoReady)).isEqualTo(700_000_000L);
    }

    @Test
    void calls_sent_as_soon_as_allowed_go_as_a_burst_then_one_a_second() {
        assertThat(sendAsSoonAsAllowed(pace(3), 6)).containsExactly(0L, 0L, 0L, SECOND, 2 * SECOND, 3 * SECOND);
        assertThat(sendAsSoonAsAllowed(pace(1), 3)).containsExactly(0L, SECOND, 2 * SECOND);
    }

    @Test
    void a_chat_earns_its_burst_back_one_call_a_second() {
        var pace = pace(3);
        sendAsSoonAsAllowed(pace, 3);

        // A second and a half of quiet gives one call back, not the whole burst.
        long later = SECOND + SECOND / 2;
        assertThat(pace.untilFree(CHAT, later)).isEqualTo(-SECOND / 2);
        pace.take(CHAT, later);
        assertThat(pace.untilFree(CHAT, later)).isEqualTo(SECOND / 2);

        // Once the last call is paid for (one gap after it, at 4 s), all three may go at once again.
        long quiet = 4 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(pace.untilFree(CHAT, quiet)).as("call %d", i + 1).isLessThanOrEqualTo(0);
            pace.take(CHAT, quiet);
        }
        assertThat(pace.untilFree(CHAT, quiet)).isEqualTo(SECOND);
    }

    @Test
    void each_chat_keeps_its_own_pace() {
        var pace = pace(1);
        pace.take(CHAT, 0);

        assertThat(pace.untilFree(CHAT + 1, 0)).isZero();
    }

    /** Sends each call at the first moment the pace allows and returns those moments. */
    private static List<Long> sendAsSoonAsAllowed(ChatPace pace, int calls) {
        List<Long> sent = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < calls; i++) {
            now += Math.max(0, pace.untilFree(CHAT, now));
            pace.take(CHAT, now);
            sent.add(now);
        }
        return sent;
    }
}
