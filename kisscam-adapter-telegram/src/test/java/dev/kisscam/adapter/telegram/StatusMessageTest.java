package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a status message paces its edits and survives an outage. Screens go out on threads of their own, so
 * each test waits for the message to settle (or for a call) before it looks.
 */
class StatusMessageTest {
    private static final long CHAT = 601;
    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final Pacer handDriven = new Pacer() {
        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public void pause(Duration duration) {
            clock.advance(duration);
        }
    };
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final Backlog backlog = new Backlog();
    private ApiOnFake fake;
    private FakeBotApi telegram;

    @BeforeEach
    void start() throws Exception {
        fake = new ApiOnFake(3, Duration.ofMillis(10), Pacer.system());
        telegram = fake.telegram;
    }

    @AfterEach
    void stop() {
        telegram.release("editMessageText");
        timers.shutdownNow();
        fake.close();
    }

    @Test
    void steps_that_come_too_soon_wait_only_the_latest_shows_and_the_conclusion_waits_out_the_interval()
            throws Exception {
        Duration interval = Duration.ofMillis(500);
        var status = message(interval, Pacer.system(), null);

        status.sendFirst(Screen.of("received"));
        status.update(next(), Screen.of("checking"));
        status.update(next(), Screen.of("queue #2"));
        status.update(next(), Screen.of("50 %"));
        status.conclude(Screen.of("done"));
        settle();

        assertThat(texts()).containsExactly("sendMessage received", "editMessageText done");
        List<BotApiCall> calls = telegram.calls();
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at())).isGreaterThanOrEqualTo(interval);
    }

    @Test
    void a_step_after_the_interval_shows_at_once_and_an_unchanged_one_not_at_all() throws Exception {
        Duration interval = Duration.ofHours(1);
        var status = message(interval, handDriven, null);

        status.sendFirst(Screen.of("received"));
        clock.advance(interval);
        status.update(next(), Screen.of("checking"));
        settle();
        clock.advance(interval);
        status.update(next(), Screen.of("checking"));
        status.conclude(Screen.of("checking"));
        settle();

        assertThat(texts()).containsExactly("sendMessage received", "editMessageText checking");
    }

    @Test
    void a_waiting_step_shows_by_itself_when_its_time_comes() throws Exception {
        var status = message(Duration.ofMillis(100), Pacer.system(), null);

        status.sendFirst(Screen.of("received"));
        status.update(next(), Screen.of("checking"));

        BotApiCall edit = telegram.await(c -> c.method().equals("editMessageText"), WAIT);
        assertThat(edit.text()).isEqualTo("checking");
    }

    @Test
    void nothing_follows_a_conclusion_but_another_conclusion() throws Exception {
        var status = message(Duration.ZERO, handDriven, null);

        status.sendFirst(Screen.of("generating"));
        status.conclude(Screen.of("failed"));
        status.update(next(), Screen.of("generating 90 %"));
        settle();

        assertThat(texts()).containsExactly("sendMessage generating", "editMessageText failed");
    }

    @Test
    void an_earlier_step_told_late_never_replaces_a_later_one() throws Exception {
        var status = message(Duration.ZERO, handDriven, null);

        status.sendFirst(Screen.of("received"));
        status.update(new StatusMessage.Step(StatusMessage.Phase.GENERATING, 10), Screen.of("generating 10 %"));
        settle();
        status.update(StatusMessage.Step.queued(3), Screen.of("queue #3"));
        status.update(StatusMessage.Step.queued(0), Screen.of("starting"));
        settle();
        status.update(new StatusMessage.Step(StatusMessage.Phase.GENERATING, 20), Screen.of("generating 20 %"));
        settle();

        assertThat(texts()).containsExactly("sendMessage received", "editMessageText generating 10 %",
                "editMessageText generating 20 %");
    }

    @Test
    void a_message_sent_before_is_edited_not_sent_again() throws Exception {
        var status = message(Duration.ZERO, handDriven, 77);

        status.update(next(), Screen.of("generating"));
        settle();

        assertThat(telegram.calls()).filteredOn(BotApiCall::visible).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("editMessageText");
            assertThat(call.params().path("message_id").asInt()).isEqualTo(77);
        });
        assertThat(status.address()).isEqualTo(ReplyAddress.chat(CHAT).withStatusMessage(77));
    }

    @Test
    void a_screen_that_came_while_a_send_waited_for_its_turn_goes_in_its_place() throws Exception {
        // The chat may have one call in half a second: "checking" waits for its turn, and "queue #2" comes
        // meanwhile. Only the latest goes out, so the message never shows a screen already old.
        try (var paced = new ApiOnFake(3, Duration.ofMillis(10), Pacer.system(), new TelegramConfig.FloodLimits(1000, 2, 1))) {
            var status = new StatusMessage(new StatusMessage.Shared(paced.api, Pacer.system(), timers, Duration.ZERO,
                    new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofMinutes(1)), backlog), CHAT, null);

            status.sendFirst(Screen.of("received"));
            status.update(next(), Screen.of("checking"));
            status.update(next(), Screen.of("queue #2"));
            settle();

            assertThat(paced.telegram.calls()).filteredOn(BotApiCall::visible).extracting(BotApiCall::text)
                    .containsExactly("received", "queue #2");
        }
    }

    @Test
    void telling_a_message_never_waits_for_telegram() throws Exception {
        // Point 2 of the reliability issue: a job handing over its video waited for the final edit.
        var status = message(Duration.ZERO, Pacer.system(), null);
        status.sendFirst(Screen.of("received"));
        telegram.hold("editMessageText");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            status.update(next(), Screen.of("sending"));
            status.conclude(Screen.of("done"));
        }, "update and conclude returned while Telegram had not answered the edit");

        telegram.release("editMessageText");
        telegram.awaitShown(CHAT, "done", WAIT);
    }

    @Test
    void a_last_screen_that_meets_an_outage_is_shown_once_telegram_is_back() throws Exception {
        // Point 3 of the reliability issue: a final edit that failed while Telegram was down was lost.
        var status = message(Duration.ZERO, Pacer.system(), null);
        status.sendFirst(Screen.of("generating"));
        telegram.failFor(Duration.ofSeconds(1), 502);

        status.conclude(Screen.of("done"));

        BotApiCall shown = telegram.awaitShown(CHAT, "done", WAIT);
        assertThat(telegram.calls("editMessageText")).as("tried during the outage, and again after it")
                .hasSizeGreaterThan(1).last().isSameAs(shown);
    }

    @Test
    void a_last_screen_is_given_up_once_the_outage_outlasts_the_patience() throws Exception {
        var status = message(Duration.ZERO, Pacer.system(), null, Duration.ofMillis(200));
        status.sendFirst(Screen.of("generating"));
        telegram.dropConnectionsFor(Duration.ofMinutes(1));

        status.conclude(Screen.of("done"));

        settle();
        assertThat(telegram.calls("editMessageText")).isNotEmpty()
                .allMatch(c -> telegram.answeredWith(c) == 0, "none was answered");
    }

    @Test
    void a_screen_telegram_refuses_is_not_tried_again() throws Exception {
        var status = message(Duration.ZERO, Pacer.system(), null);
        status.sendFirst(Screen.of("generating"));
        telegram.chatNotFound(CHAT);

        status.conclude(Screen.of("done"));

        settle();
        assertThat(telegram.calls("editMessageText")).singleElement()
                .satisfies(c -> assertThat(telegram.answeredWith(c)).isEqualTo(400));
    }

    private int steps;

    private StatusMessage message(Duration interval, Pacer pacer, Integer messageId) {
        return message(interval, pacer, messageId, Duration.ofMinutes(1));
    }

    private StatusMessage message(Duration interval, Pacer pacer, Integer messageId, Duration patience) {
        var shared = new StatusMessage.Shared(fake.api, pacer, timers, interval,
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100), patience), backlog);
        return new StatusMessage(shared, CHAT, messageId);
    }

    private void settle() throws InterruptedException {
        assertThat(backlog.awaitEmpty(WAIT)).as("every screen shown").isTrue();
    }

    /** Each update a step further than the last, as a job's news are. */
    private StatusMessage.Step next() {
        return new StatusMessage.Step(StatusMessage.Phase.GENERATING, steps++);
    }

    private List<String> texts() {
        return telegram.calls().stream().filter(BotApiCall::visible).map(c -> c.method() + " " + c.text()).toList();
    }
}
