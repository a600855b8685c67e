package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/** How one Bot API call deals with 429s and failures, with the waits it asks for recorded instead of slept. */
class BotApiTest {
    private static final FloodControl.Turn ANSWER = FloodControl.Turn.answer(1);
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();
    private final Pacer recordingPacer = new Pacer() {
        @Override
        public Instant now() {
            return Instant.EPOCH;
        }

        @Override
        public void pause(Duration duration) {
            pauses.add(duration);
        }
    };
    private ApiOnFake fake;
    private FakeBotApi telegram;
    private BotApi api;

    @BeforeEach
    void start() throws Exception {
        fake = new ApiOnFake(4, Duration.ofMillis(20), recordingPacer);
        telegram = fake.telegram;
        api = fake.api;
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void a_429_waits_exactly_its_retry_after_before_the_same_call_again() {
        telegram.rateLimitNext("sendMessage", 2, 7);

        var sent = api.call(ANSWER, SendMessage.builder().chatId(1L).text("hello").build());

        assertThat(sent.getText()).isEqualTo("hello");
        assertThat(pauses).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(telegram.calls("sendMessage")).hasSize(3).allMatch(c -> c.text().equals("hello"));
    }

    @Test
    void server_errors_are_retried_with_growing_pauses_then_given_up() {
        telegram.failNext("sendMessage", 10);

        assertThatThrownBy(() -> api.call(ANSWER, SendMessage.builder().chatId(1L).text("hello").build()))
                .isInstanceOf(TelegramCallException.class)
                .hasMessageContaining("gave up after 4 attempts")
                .satisfies(e -> assertThat(((TelegramCallException) e).errorCode()).isEqualTo(500));
        assertThat(pauses).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40), Duration.ofMillis(80));
    }

    @Test
    void a_refusal_is_not_retried() {
        assertThatThrownBy(() -> api.call(ANSWER, org.telegram.telegrambots.meta.api.methods.GetFile.builder()
                .fileId("no-such-file").build()))
                .isInstanceOf(TelegramCallException.class)
                .satisfies(e -> assertThat(((TelegramCallException) e).errorCode()).isEqualTo(400));
        assertThat(pauses).isEmpty();
        assertThat(telegram.calls("getFile")).hasSize(1);
    }

    @Test
    void the_config_never_shows_the_token_or_the_secret() {
        var config = TelegramConfig.webhook(FakeBotApi.TOKEN, "hush-hush");
        assertThat(config.toString()).doesNotContain(FakeBotApi.TOKEN).doesNotContain("hush-hush").contains("WEBHOOK");
    }
}
