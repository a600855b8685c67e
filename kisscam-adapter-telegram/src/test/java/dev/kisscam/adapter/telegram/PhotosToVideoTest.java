package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.testing.TestImages;
import dev.kisscam.core.testing.TestVideos;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** From photos in a chat to a video in that chat, through the real core. */
class PhotosToVideoTest {
    private final FakeBotApi.User user = new FakeBotApi.User(201, "en");
    private BotRig bot;

    @BeforeEach
    void startBot() throws Exception {
        bot = BotRig.longPolling();
    }

    @AfterEach
    void stopBot() {
        bot.close();
    }

    @Test
    void a_photo_of_two_people_becomes_a_video_with_one_status_message_edited_in_place() throws Exception {
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 1);
        bot.detector.sees(photo, 2);
        bot.generator.thenAnswer(new GenerationStatus.Pending(50), new GenerationStatus.Pending(75),
                dev.kisscam.core.testing.FakeVideoGenerator.ready());
        // Statuses go out on their own threads and a newer one replaces one not yet shown: polls a moment
        // apart let each step show.
        bot.generator.policy(new PollingPolicy(Duration.ofMillis(200), Duration.ofMinutes(1)));

        bot.telegram.sendPhoto(user, photo);

        BotApiCall video = bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.telegram.uploaded(video, "video")).isEqualTo(TestVideos.minimalMp4());
        assertThat(video.text()).contains("Another take");
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(photo);
        BotApiCall done = bot.telegram.awaitText(user, "Done!", WAIT);

        List<BotApiCall> status = bot.telegram.chat(user).stream()
                .filter(c -> c.messageId() == done.messageId() && !c.method().equals("sendVideo")).toList();
        assertThat(status.getFirst().method()).isEqualTo("sendMessage");
        assertThat(status.subList(1, status.size())).extracting(BotApiCall::method).containsOnly("editMessageText");
        List<String> texts = status.stream().map(BotApiCall::text).toList();
        assertThat(texts).containsSubsequence(
                "📥 Photo received.", "🔎 Checking the photos…",
                "🎬 Making your video…\n▓▓▓▓░░░░ 50 %", "🎬 Making your video…\n▓▓▓▓▓▓░░ 75 %",
                "✅ Done! Your video is below.");
        // "Sending" waits behind the video itself at the flood control, and is skipped when the video was quicker.
        assertThat(texts.getLast()).isEqualTo("✅ Done! Your video is below.");
        // "Starting" is intake's answer; the job may be faster, and then it is skipped, never shown late.
        int firstProgress = texts.indexOf("🎬 Making your video…\n▓▓▓▓░░░░ 50 %");
        assertThat(texts.subList(firstProgress, texts.size())).doesNotContain("🎬 Starting the video…");
        BotApiCall generating = status.stream().filter(c -> c.text().contains("50 %")).findFirst().orElseThrow();
        assertThat(generating.buttons()).singleElement().asString().startsWith("c:");
        assertThat(done.buttons()).isEmpty();
        assertThat(bot.telegram.calls("sendChatAction")).extracting(c -> c.params().path("action").asText())
                .contains("upload_video");
        // Each text once: no edit repeated what the message already showed.
        assertThat(status).extracting(BotApiCall::text).doesNotHaveDuplicates();
    }

    @Test
    void two_single_photos_one_after_the_other_make_one_video() throws Exception {
        bot.consented(user);
        byte[] first = TestImages.jpeg(640, 480, 2);
        byte[] second = TestImages.jpeg(640, 480, 3);
        bot.detector.sees(first, 1).sees(second, 1);

        bot.telegram.sendPhoto(user, first);
        bot.telegram.awaitText(user, "I see one person", WAIT);
        bot.telegram.sendPhoto(user, second);

        BotApiCall video = bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(video.chatId()).isEqualTo(user.id());
        assertThat(bot.generator.submissions()).singleElement()
                .satisfies(request -> assertThat(request.photos()).hasSize(2));
    }

    @Test
    void an_album_of_two_is_submitted_together() throws Exception {
        bot.consented(user);
        byte[] first = TestImages.jpeg(640, 480, 4);
        byte[] second = TestImages.png(640, 480, 5);
        bot.detector.sees(first, 1).sees(second, 1);

        bot.telegram.sendAlbumPhoto(user, first, "album-1");
        bot.telegram.sendAlbumPhoto(user, second, "album-1");

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::text)
                .contains("📥 Photos received.")
                .noneMatch(t -> t.contains("I see one person"));
        assertThat(bot.generator.submissions()).singleElement()
                .satisfies(request -> assertThat(request.photos()).hasSize(2));
    }

    @Test
    void an_album_of_three_gets_a_clear_answer_and_nothing_is_downloaded() throws Exception {
        bot.consented(user);
        for (int i = 0; i < 3; i++) {
            bot.telegram.sendAlbumPhoto(user, TestImages.jpeg(640, 480, 10 + i), "album-3");
        }
        bot.telegram.awaitText(user, "at most 2 photos at once", WAIT);
        assertThat(bot.telegram.calls("getFile")).isEmpty();
        assertThat(bot.telegram.chat(user)).hasSize(1);
    }

    @Test
    void an_image_sent_as_a_document_is_sniffed_not_trusted_by_its_declared_type() throws Exception {
        bot.consented(user);
        byte[] png = TestImages.png(640, 480, 6);
        bot.detector.sees(png, 2);

        bot.telegram.sendDocument(user, png, "application/octet-stream", "us.png");

        BotApiCall video = bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.telegram.uploaded(video, "video")).isEqualTo(TestVideos.minimalMp4());
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(png);
    }

    @Test
    void a_document_that_is_no_image_is_refused_in_the_users_language() throws Exception {
        var russian = new FakeBotApi.User(202, "ru");
        bot.consented(russian);

        bot.telegram.sendDocument(russian, TestImages.pdf(), "image/jpeg", "photo.jpg");

        BotApiCall answer = bot.telegram.awaitText(russian, "Не могу прочитать этот файл", WAIT);
        assertThat(answer.text()).contains("JPEG, PNG или WebP");
        assertThat(bot.generator.submissions()).isEmpty();
    }

    @Test
    void a_file_over_20_megabytes_is_refused_before_it_is_downloaded() throws Exception {
        bot.consented(user);

        bot.telegram.sendLargeDocument(user, 25L * 1024 * 1024, "image/jpeg");

        bot.telegram.awaitText(user, "at most 20 MB", WAIT);
        assertThat(bot.telegram.calls("getFile")).isEmpty();
        assertThat(bot.telegram.calls("download")).isEmpty();
    }

    @Test
    void the_first_photo_asks_for_consent_once_and_goes_on_after_it_without_being_sent_again() throws Exception {
        byte[] photo = TestImages.jpeg(640, 480, 7);
        bot.detector.sees(photo, 2);

        bot.telegram.sendPhoto(user, photo);

        BotApiCall question = bot.telegram.awaitText(user, "everyone in your photos is an adult", WAIT);
        assertThat(question.buttons()).containsExactly("consent");
        assertThat(bot.telegram.calls("download")).as("nothing is read before consent").isEmpty();

        bot.telegram.pressButton(user, question.messageId(), "consent");

        BotApiCall video = bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(video.chatId()).isEqualTo(user.id());
        assertThat(bot.consents.hasConsented(new RequesterId("telegram:" + user.id()))).isTrue();
        assertThat(bot.telegram.calls("answerCallbackQuery")).hasSize(1);
        assertThat(bot.telegram.calls("editMessageText")).anyMatch(c -> c.messageId() == question.messageId()
                && c.text().contains("Thank you") && c.buttons().isEmpty());

        byte[] next = TestImages.jpeg(640, 480, 8);
        bot.detector.sees(next, 2);
        bot.awaitNoActiveJob(user);
        bot.telegram.sendPhoto(user, next);
        bot.telegram.await(c -> c.method().equals("sendVideo") && c != video, WAIT);
        assertThat(bot.telegram.chat(user)).filteredOn(c -> c.text().contains("is an adult")).hasSize(1);
    }

    @Test
    void the_cancel_button_stops_a_running_job() throws Exception {
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 9);
        bot.detector.sees(photo, 2);
        bot.generator.holdPolls();
        try {
            bot.telegram.sendPhoto(user, photo);
            BotApiCall status = bot.telegram.await(c -> c.chatId() == user.id()
                    && c.buttons().stream().anyMatch(b -> b.startsWith("c:")), WAIT);

            bot.telegram.pressButton(user, status.messageId(), status.buttons().getFirst());

            bot.telegram.awaitText(user, "🚫 Cancelled.", WAIT);
            BotApiCall answer = bot.telegram.await(c -> c.method().equals("answerCallbackQuery"), WAIT);
            assertThat(answer.params().path("text").asText()).startsWith("OK, I");
        } finally {
            bot.generator.releasePolls();
        }
        assertThat(bot.telegram.calls("sendVideo")).isEmpty();
    }

    @Test
    void the_cancel_button_of_an_earlier_job_has_expired_and_leaves_the_current_job_alone() throws Exception {
        // Point 6 of the reliability issue: a button cancelled whatever its presser had now.
        bot.consented(user);
        byte[] first = TestImages.jpeg(640, 480, 14);
        byte[] second = TestImages.jpeg(640, 480, 15);
        bot.detector.sees(first, 2).sees(second, 2);
        bot.generator.holdPolls();
        bot.telegram.sendPhoto(user, first);
        BotApiCall earlier = bot.telegram.await(c -> c.chatId() == user.id()
                && c.buttons().stream().anyMatch(b -> b.startsWith("c:")), WAIT);
        bot.generator.releasePolls();
        bot.telegram.awaitText(user, "Done!", WAIT);
        bot.awaitNoActiveJob(user);
        bot.generator.holdPolls();
        try {
            int polled = bot.generator.polls();
            bot.telegram.sendPhoto(user, second);
            bot.generator.awaitPolls(polled + 1, WAIT);

            bot.telegram.pressButton(user, earlier.messageId(), earlier.buttons().getFirst());

            BotApiCall answer = bot.telegram.await(c -> c.method().equals("answerCallbackQuery"), WAIT);
            assertThat(answer.params().path("text").asText()).isEqualTo("This button is no longer valid.");
            assertThat(bot.core.usage().usage(new RequesterId("telegram:" + user.id())).activeJob())
                    .as("the current job goes on").isPresent();
        } finally {
            bot.generator.releasePolls();
        }
        bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::text).doesNotContain("🚫 Cancelled.");
    }

    @Test
    void the_cancel_command_drops_a_waiting_photo() throws Exception {
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 13);
        bot.detector.sees(photo, 1);
        bot.telegram.sendPhoto(user, photo);
        bot.telegram.awaitText(user, "I see one person", WAIT);

        bot.telegram.sendText(user, "/cancel");

        bot.telegram.awaitText(user, "I dropped the photo that was waiting", WAIT);
    }

    @Test
    void a_failed_video_offers_a_retry_that_reuses_the_stored_photos() throws Exception {
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 11);
        bot.detector.sees(photo, 2);
        bot.generator.thenAnswer(new GenerationStatus.Failed("internal_error", "the provider failed", false, false,
                Spend.none("fake-video")));

        bot.telegram.sendPhoto(user, photo);

        BotApiCall failure = bot.telegram.awaitText(user, "could not be made this time", WAIT);
        assertThat(failure.buttons()).singleElement().asString().startsWith("r:");
        int downloads = bot.telegram.calls("download").size();

        bot.telegram.pressButton(user, failure.messageId(), failure.buttons().getFirst());

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.telegram.calls("download")).as("the stored photos are reused").hasSize(downloads);
        assertThat(bot.generator.submissions()).hasSize(2);
        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::text).contains("🔁 Trying again with the same photos…");
    }

    @Test
    void a_blocked_video_is_explained_without_a_retry_button() throws Exception {
        var russian = new FakeBotApi.User(203, "be");
        bot.consented(russian);
        byte[] photo = TestImages.jpeg(640, 480, 12);
        bot.detector.sees(photo, 2);
        bot.generator.thenAnswer(new GenerationStatus.Blocked("moderation", Spend.none("fake-video")));

        bot.telegram.sendPhoto(russian, photo);

        BotApiCall failure = bot.telegram.awaitText(russian, "заблокировано правилами", WAIT);
        assertThat(failure.buttons()).isEmpty();
    }

    @Test
    void the_same_photo_again_gets_the_earlier_video_by_file_id_and_says_so() throws Exception {
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 40);
        bot.detector.sees(photo, 2);
        bot.telegram.sendPhoto(user, photo);
        bot.telegram.awaitText(user, "Done!", WAIT);
        bot.awaitNoActiveJob(user);

        bot.telegram.sendPhoto(user, photo);

        bot.telegram.awaitText(user, "same video again, free", WAIT);
        List<BotApiCall> videos = bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(videos.get(1).files()).as("sent again by file id, not uploaded again").isEmpty();
        assertThat(bot.generator.submissions()).hasSize(1);
    }
}
