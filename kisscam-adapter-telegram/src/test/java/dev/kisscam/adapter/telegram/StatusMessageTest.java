package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a status message paces its edits; time is a hand-driven clock, so nothing here waits for real. */
class StatusMessageTest {
    private static final long CHAT = 601;
    private static final Duration INTERVAL = Duration.ofHours(1);
    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Pacer handDriven = new Pacer() {
        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
            clock.advance(duration);
        }
    };
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private ApiOnFake fake;
    private FakeBotApi telegram;
    private BotApi api;

    @BeforeEach
    void start() throws Exception {
        fake = new ApiOnFake(3, Duration.ofMillis(10), handDriven);
        telegram = fake.telegram;
        api = fake.api;
    }

    @AfterEach
    void stop() {
        timers.shutdownNow();
        fake.close();
    }

    @Test
    void steps_that_come_too_soon_wait_and_the_conclusion_is_never_dropped() {
        var status = new StatusMessage(api, CHAT, null, INTERVAL, handDriven, timers);

        status.update(next(), Screen.of("received"));
        status.update(next(), Screen.of("checking"));
        status.update(next(), Screen.of("queue #2"));
        clock.advance(Duration.ofMinutes(10));
        status.update(next(), Screen.of("50 %"));
        status.conclude(Screen.of("done"));

        assertThat(texts()).containsExactly("sendMessage received", "editMessageText done");
        assertThat(pauses).containsExactly(Duration.ofMinutes(50));
    }

    @Test
    void a_step_after_the_interval_shows_at_once_and_an_unchanged_one_not_at_all() {
        var status = new StatusMessage(api, CHAT, null, INTERVAL, handDriven, timers);

        status.update(next(), Screen.of("received"));
        clock.advance(INTERVAL);
        status.update(next(), Screen.of("checking"));
        clock.advance(INTERVAL);
        status.update(next(), Screen.of("checking"));
        status.conclude(Screen.of("checking"));

        assertThat(texts()).containsExactly("sendMessage received", "editMessageText checking");
        assertThat(pauses).isEmpty();
    }

    @Test
    void a_waiting_step_shows_by_itself_when_its_time_comes() throws Exception {
        Pacer realTime = Pacer.system();
        var status = new StatusMessage(api, CHAT, null, Duration.ofMillis(100), realTime, timers);

        status.update(next(), Screen.of("received"));
        status.update(next(), Screen.of("checking"));

        BotApiCall edit = telegram.await(c -> c.method().equals("editMessageText"), BotRig.WAIT);
        assertThat(edit.text()).isEqualTo("checking");
    }

    @Test
    void nothing_follows_a_conclusion_but_another_conclusion() {
        var status = new StatusMessage(api, CHAT, null, Duration.ZERO, handDriven, timers);

        status.update(next(), Screen.of("generating"));
        status.conclude(Screen.of("failed"));
        status.update(next(), Screen.of("generating 90 %"));

        assertThat(texts()).containsExactly("sendMessage generating", "editMessageText failed");
    }

    @Test
    void an_earlier_step_told_late_never_replaces_a_later_one() {
        var status = new StatusMessage(api, CHAT, null, Duration.ZERO, handDriven, timers);

        status.update(StatusMessage.Step.FIRST, Screen.of("received"));
        status.update(new StatusMessage.Step(StatusMessage.Phase.GENERATING, 10), Screen.of("generating 10 %"));
        status.update(StatusMessage.Step.queued(3), Screen.of("queue #3"));
        status.update(StatusMessage.Step.queued(0), Screen.of("starting"));
        status.update(new StatusMessage.Step(StatusMessage.Phase.GENERATING, 20), Screen.of("generating 20 %"));

        assertThat(texts()).containsExactly("sendMessage received", "editMessageText generating 10 %",
                "editMessageText generating 20 %");
    }

    @Test
    void a_message_sent_before_is_edited_not_sent_again() {
        var status = new StatusMessage(api, CHAT, 77, Duration.ZERO, handDriven, timers);

        status.update(next(), Screen.of("generating"));

        assertThat(telegram.calls()).filteredOn(BotApiCall::visible).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("editMessageText");
            assertThat(call.params().path("message_id").asInt()).isEqualTo(77);
        });
        assertThat(status.address()).isEqualTo(ReplyAddress.chat(CHAT).withStatusMessage(77));
    }

    private int steps;

    /** Each update a step further than the last, as a job's news are. */
    private StatusMessage.Step next() {
        return new StatusMessage.Step(StatusMessage.Phase.GENERATING, steps++);
    }

    private List<String> texts() {
        return telegram.calls().stream().filter(BotApiCall::visible).map(c -> c.method() + " " + c.text()).toList();
    }
}
