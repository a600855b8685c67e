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
 * Photos that cannot go on yet (no consent, a video still being made) are kept and go on by themselves, or
 * are dropped with a word; none is lost silently. Points 1, 2 and 12 of the reliability issue.
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
    void an_album_before_consent_stays_an_album_and_a_photo_after_it_waits_for_its_video() throws Exception {
        start(UnaryOperator.identity());
        byte[] her = TestImages.jpeg(640, 480, 63);
        byte[] him = TestImages.png(640, 480, 64);
        byte[] couple = TestImages.jpeg(640, 480, 65);
        bot.detector.sees(her, 1).sees(him, 1).sees(couple, 2);

        bot.telegram.sendAlbumPhoto(user, her, "album-kept");
        bot.telegram.sendAlbumPhoto(user, him, "album-kept");
        awaitConsentQuestions(1);
        bot.telegram.sendPhoto(user, couple);
        List<BotApiCall> questions = awaitConsentQuestions(2);
        bot.telegram.pressButton(user, questions.getLast().messageId(), "consent");

        bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(bot.generator.submissions()).extracting(request -> request.photos().size()).containsExactly(2, 1);
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(her, him, couple);
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

    @Test
    void a_photo_sent_while_the_previous_video_is_made_is_kept_and_goes_on_after_it() throws Exception {
        // Point 2: it used to be refused and lost.
        start(UnaryOperator.identity());
        byte[] first = TestImages.jpeg(640, 480, 72);
        byte[] next = TestImages.jpeg(640, 480, 73);

        sendDuringTheFirstVideo(first, next,
                "I’ve kept this photo and will go on with it as soon as that video is done");

        bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(first, next);
    }

    @Test
    void a_photo_sent_as_soon_as_the_video_arrives_makes_the_next_video() throws Exception {
        // Point 2: the final edit, two seconds after the last, held the job active, and the photo was refused.
        start(c -> c.withEditInterval(Duration.ofSeconds(2)));
        bot.consented(user);
        byte[] first = TestImages.jpeg(640, 480, 74);
        byte[] next = TestImages.jpeg(640, 480, 75);
        bot.detector.sees(first, 2).sees(next, 2);

        bot.telegram.sendPhoto(user, first);
        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        bot.telegram.sendPhoto(user, next);

        bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(first, next);
    }

    @Test
    void a_kept_photo_whose_previous_video_takes_too_long_is_dropped_with_a_word() throws Exception {
        start(c -> c.withKeptPhotos(new TelegramConfig.PhotoKeeping(Duration.ofMillis(300), 4, 1000,
                Duration.ofMillis(50))));

        sendDuringTheFirstVideo(TestImages.jpeg(640, 480, 76), TestImages.jpeg(640, 480, 77),
                "Your previous video took too long, so I dropped the photos");

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        bot.awaitNoActiveJob(user);
        assertThat(bot.generator.submissions()).hasSize(1);
    }

    @Test
    void photos_from_two_chats_at_once_each_get_their_own_status_message_and_video() throws Exception {
        // Point 12: the same user in a private chat and a group, at once.
        start(UnaryOperator.identity());
        bot.consented(user);
        long group = -100_1201L;
        byte[] here = TestImages.jpeg(640, 480, 78);
        byte[] there = TestImages.jpeg(640, 480, 79);
        bot.detector.sees(here, 2).sees(there, 2);

        bot.telegram.sendPhoto(user, here);
        bot.telegram.sendPhoto(user, group, there);

        bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(bot.telegram.calls("sendVideo")).extracting(BotApiCall::chatId)
                .containsExactlyInAnyOrder(user.id(), group);
        for (long chat : List.of(user.id(), group)) {
            bot.telegram.awaitShown(chat, "Done!", WAIT);
            List<BotApiCall> seen = bot.telegram.chat(chat);
            List<Integer> opened = seen.stream().filter(c -> c.method().equals("sendMessage"))
                    .map(BotApiCall::messageId).toList();
            assertThat(opened).as("chat " + chat + " has a status message of its own").isNotEmpty();
            assertThat(seen).filteredOn(c -> c.method().equals("editMessageText"))
                    .allMatch(edit -> opened.contains(edit.messageId()), "edits only its own messages");
        }
    }

    /**
     * Sends {@code next} while the video of {@code first} is being made (both show two people), and waits
     * there until the user's chat shows {@code text}.
     */
    private void sendDuringTheFirstVideo(byte[] first, byte[] next, String text) throws InterruptedException {
        bot.consented(user);
        bot.detector.sees(first, 2).sees(next, 2);
        bot.generator.holdPolls();
        try {
            bot.telegram.sendPhoto(user, first);
            bot.generator.awaitPolls(1, WAIT);
            bot.telegram.sendPhoto(user, next);
            bot.telegram.awaitText(user, text, WAIT);
        } finally {
            bot.generator.releasePolls();
        }
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
