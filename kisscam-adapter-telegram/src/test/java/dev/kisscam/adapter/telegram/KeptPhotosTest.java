package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Photos that cannot go on yet are kept and go on by themselves, or are dropped with a word; none is lost
 * silently. Points 1 and 12 of the reliability issue.
 */
class KeptPhotosTest {
    private final FakeBotApi.User user = new FakeBotApi.User(1201, "en");
    private BotRig bot;

    @AfterEach
    void stopBot() {
        bot.close();
    }

    @Test
    void two_photos_sent_before_consent_both_go_on_once_it_is_given_and_pair_up() throws Exception {
        start(UnaryOperator.identity());
        byte[] her = TestImages.jpeg(640, 480, 61);
        byte[] him = TestImages.jpeg(640, 480, 62);
        bot.detector.sees(her, 1).sees(him, 1);

        bot.telegram.sendPhoto(user, her);
        bot.telegram.sendPhoto(user, him);
        List<BotApiCall> questions = awaitConsentQuestions(2);
        bot.telegram.pressButton(user, questions.getFirst().messageId(), "consent");

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(her, him);
        assertThat(bot.telegram.calls("editMessageText")).anyMatch(c -> c.messageId() == questions.getFirst().messageId()
                && c.text().equals("✅ Thank you! Working on your photos now."));
    }

    @Test
    void photos_that_wait_too_long_for_consent_are_dropped_with_a_word_and_consent_then_asks_for_photos()
            throws Exception {
        start(c -> c.withKeptPhotos(new TelegramConfig.PhotoKeeping(Duration.ofMillis(300), 4, 1000,
                Duration.ofMillis(50))));
        byte[] photo = TestImages.jpeg(640, 480, 66);
        bot.detector.sees(photo, 2);

        bot.telegram.sendPhoto(user, photo);
        BotApiCall question = awaitConsentQuestions(1).getFirst();

        bot.telegram.awaitText(user, "You didn’t confirm in time, so I dropped the photos you sent.", WAIT);
        bot.telegram.pressButton(user, question.messageId(), "consent");
        bot.telegram.awaitText(user, "✅ Thank you! Now send me a photo of two people", WAIT);
        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::text).doesNotContain("✅ Thank you! Working on your photos now.");
        assertThat(bot.telegram.calls("download")).isEmpty();
    }

    @Test
    void a_user_is_told_when_more_photos_come_than_can_be_kept_for_them() throws Exception {
        start(c -> c.withKeptPhotos(new TelegramConfig.PhotoKeeping(Duration.ofMinutes(1), 2, 1000,
                Duration.ofMillis(50))));
        for (int i = 0; i < 3; i++) {
            bot.telegram.sendPhoto(user, TestImages.jpeg(640, 480, 67 + i));
            awaitConsentQuestions(i + 1);
        }

        assertThat(consentQuestions()).extracting(BotApiCall::text)
                .filteredOn(t -> t.contains("I’m already keeping 2 photos for you until you confirm")).hasSize(1);
    }

    @Test
    void when_too_many_photos_wait_in_all_some_are_dropped_with_a_word() throws Exception {
        start(c -> c.withKeptPhotos(new TelegramConfig.PhotoKeeping(Duration.ofMinutes(1), 2, 2,
                Duration.ofMillis(50))));
        var other = new FakeBotApi.User(1202, "ru");
        for (FakeBotApi.User sender : List.of(user, other)) {
            bot.telegram.sendPhoto(sender, TestImages.jpeg(640, 480, 70));
            bot.telegram.sendPhoto(sender, TestImages.jpeg(640, 480, 71));
        }

        bot.telegram.await(c -> c.text().contains("Too many photos are waiting right now")
                || c.text().contains("Сейчас ждёт слишком много фото"), WAIT);
    }

    private void start(UnaryOperator<TelegramConfig> adjust) throws Exception {
        bot = BotRig.with(adjust);
    }

    private List<BotApiCall> consentQuestions() {
        return bot.telegram.chat(user).stream().filter(c -> c.buttons().contains("consent")).toList();
    }

    private List<BotApiCall> awaitConsentQuestions(int count) throws InterruptedException {
        bot.telegram.await(c -> consentQuestions().size() >= count, WAIT);
        return consentQuestions();
    }
}
