package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pace of one chat as the callers of {@link FloodControl} see it: when {@code awaitTurn} returns, measured.
 * The bot-wide rate is far above what these tests ask for, so only the chat's pace makes a call wait. The
 * bounds are loose enough for a loaded machine: a call that should go at once must not take half a second,
 * a call that should wait a second must not come before 0.9 s.
 */
class FloodControlTest {
    private static final int BOT_WIDE = 1000;
    private static final Duration AT_ONCE = Duration.ofMillis(500);
    private static final Duration NEARLY_A_SECOND = Duration.ofMillis(900);

    private final ExecutorService others = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        others.shutdownNow();
    }

    @Test
    void a_quiet_chat_takes_a_burst_of_three_at_once_and_the_fourth_call_a_second_after_the_first() throws Exception {
        try (var flood = oneASecondPerChat(3)) {
            long start = System.nanoTime();
            for (var turn : List.of(FloodControl.Turn.answer(1), FloodControl.Turn.status(1), FloodControl.Turn.video(1))) {
                flood.awaitTurn(turn);
            }
            assertThat(since(start)).as("a message, an edit and the video together").isLessThan(AT_ONCE);

            flood.awaitTurn(FloodControl.Turn.status(1));
            assertThat(since(start)).as("the fourth call keeps one a second").isGreaterThanOrEqualTo(NEARLY_A_SECOND);
        }
    }

    @Test
    void a_burst_of_one_spaces_every_call_into_a_chat_by_a_second() throws Exception {
        try (var flood = oneASecondPerChat(1)) {
            long start = System.nanoTime();
            flood.awaitTurn(FloodControl.Turn.status(1));
            flood.awaitTurn(FloodControl.Turn.video(1));
            assertThat(since(start)).isGreaterThanOrEqualTo(NEARLY_A_SECOND);
        }
    }

    @Test
    void a_chat_that_used_its_burst_holds_up_no_other_chat() throws Exception {
        try (var flood = oneASecondPerChat(3)) {
            for (int i = 0; i < 3; i++) {
                flood.awaitTurn(FloodControl.Turn.answer(1));
            }
            // More urgent than the call into the other chat, and still it must not hold that call back.
            CompletableFuture<Void> video = CompletableFuture.runAsync(() -> awaitQuietly(flood, FloodControl.Turn.video(1)), others);

            long start = System.nanoTime();
            flood.awaitTurn(FloodControl.Turn.status(2));
            assertThat(since(start)).isLessThan(AT_ONCE);
            assertThat(video).as("the full chat's video still waits for its pace").isNotDone();
        }
    }

    @Test
    void over_a_burst_a_chat_keeps_one_call_a_second() throws Exception {
        int calls = 6;
        int burst = 3;
        try (var flood = oneASecondPerChat(burst)) {
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                flood.awaitTurn(FloodControl.Turn.status(1));
            }
            assertThat(since(start)).isGreaterThanOrEqualTo(Duration.ofMillis((calls - burst) * 950L));
        }
    }

    private static FloodControl oneASecondPerChat(int burst) {
        return new FloodControl(new TelegramConfig.FloodLimits(BOT_WIDE, 1, burst));
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void awaitQuietly(FloodControl flood, FloodControl.Turn turn) {
        try {
            flood.awaitTurn(turn);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
