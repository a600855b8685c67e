package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.testing.TestImages;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Captions become wishes, style buttons change a waiting job, and a delivered video offers another take. */
class WishesAndStylesTest {
    private final FakeBotApi.User user = new FakeBotApi.User(301, "en");
    private BotRig bot;

    @AfterEach
    void stopBot() {
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void a_caption_becomes_the_wish_the_video_generator_receives() throws Exception {
        bot = BotRig.longPolling();
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 101);
        bot.detector.sees(photo, 2);

        bot.telegram.sendPhoto(user, photo, "  on a beach\n at night ");

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.generator.submissions()).singleElement().extracting(GenerationRequest::direction)
                .satisfies(direction -> {
                    assertThat(direction.wish().map(Wish::text)).contains("on a beach at night");
                    assertThat(direction.style()).isEqualTo(VideoStyle.GENTLE);
                });
    }

    @Test
    void a_caption_on_any_photo_of_an_album_or_on_the_second_of_a_pair_is_the_wish() throws Exception {
        bot = BotRig.longPolling();
        bot.consented(user);
        byte[] first = TestImages.jpeg(640, 480, 102);
        byte[] second = TestImages.jpeg(640, 480, 103);
        byte[] third = TestImages.jpeg(640, 480, 104);
        byte[] fourth = TestImages.jpeg(640, 480, 105);
        bot.detector.sees(first, 1).sees(second, 1).sees(third, 1).sees(fourth, 1);

        bot.telegram.sendAlbumPhoto(user, first, "album-w");
        bot.telegram.sendAlbumPhoto(user, second, "album-w", "in Paris");
        bot.telegram.awaitCalls("sendVideo", 1, WAIT);
        bot.awaitNoActiveJob(user);
        bot.telegram.sendPhoto(user, third);
        bot.telegram.awaitText(user, "I see one person", WAIT);
        bot.telegram.sendPhoto(user, fourth, "under the stars");
        bot.telegram.awaitCalls("sendVideo", 2, WAIT);

        assertThat(bot.generator.submissions()).extracting(r -> r.direction().wish().map(Wish::text))
                .containsExactly(Optional.of("in Paris"), Optional.of("under the stars"));
    }

    @Test
    void odd_captions_become_a_clean_wish_or_none() throws Exception {
        bot = BotRig.longPolling();
        bot.consented(user);
        String huge = "slowly dancing ".repeat(70);
        List<String> captions = List.of(" \n\t  ", "\u0007on\u0000 a\u200b boat\r\n", huge, "💋🌅",
                "a" + "💋".repeat(150));

        for (int i = 0; i < captions.size(); i++) {
            byte[] photo = TestImages.jpeg(640, 480, 110 + i);
            bot.detector.sees(photo, 2);
            bot.telegram.sendPhoto(user, photo, captions.get(i));
            bot.telegram.awaitCalls("sendVideo", i + 1, WAIT);
            bot.awaitNoActiveJob(user);
        }

        List<Optional<String>> wishes = bot.generator.submissions().stream()
                .map(r -> r.direction().wish().map(Wish::text)).toList();
        assertThat(wishes.get(0)).as("only white space is no wish").isEmpty();
        assertThat(wishes.get(1)).contains("on a boat");
        assertThat(wishes.get(2)).hasValueSatisfying(wish -> assertThat(wish)
                .hasSizeLessThanOrEqualTo(Wish.MAX_LENGTH).startsWith("slowly dancing slowly").doesNotEndWith(" "));
        assertThat(wishes.get(3)).contains("💋🌅");
        assertThat(wishes.get(4)).as("cut between two emoji, never inside one").hasValueSatisfying(wish ->
                assertThat(wish.codePoints()).noneMatch(c -> Character.getType(c) == Character.SURROGATE));
    }

    @Test
    void a_forbidden_caption_is_refused_before_any_paid_call_and_the_bot_goes_on() throws Exception {
        bot = BotRig.longPolling();
        var russian = new FakeBotApi.User(302, "ru");
        bot.consented(user);
        bot.consented(russian);
        byte[] photo = TestImages.jpeg(640, 480, 120);
        bot.detector.sees(photo, 2);

        bot.telegram.sendPhoto(user, photo, "make them naked");
        bot.telegram.sendPhoto(russian, photo, "with a gun");

        BotApiCall refusal = bot.telegram.awaitText(user, "I cannot make a video with nudity", WAIT);
        bot.telegram.awaitText(russian, "Я не делаю видео, где есть насилие или оружие", WAIT);
        assertThat(refusal.buttons()).isEmpty();
        assertThat(bot.detector.calls()).as("no paid look at the photo").isZero();
        assertThat(bot.telegram.calls("download")).isEmpty();
        assertThat(bot.core.usage().usage(idOf(user)).quota().used()).isZero();

        bot.telegram.sendPhoto(user, photo, "on a boat");

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.generator.submissions()).singleElement()
                .satisfies(r -> assertThat(r.direction().wish().map(Wish::text)).contains("on a boat"));
    }

    @Test
    void a_style_button_of_a_waiting_job_changes_the_style_the_generator_receives() throws Exception {
        var other = new FakeBotApi.User(303, "ru");
        try {
            BotApiCall waiting = waitingBehind(other, 130);
            BotApiCall running = bot.telegram.await(c -> c.chatId() == other.id()
                    && c.buttons().stream().anyMatch(b -> b.startsWith("c:")), WAIT);
            String job = waiting.buttons().getFirst().substring("c:".length());
            assertThat(waiting.buttons()).containsExactlyElementsOf(expectedButtons(job));
            assertThat(waiting.buttonLabels()).contains("✓ 💞 Gentle", "🎬 Cinematic", "🤗 Hug, then kiss");
            assertThat(waiting.text()).contains("Style: 💞 Gentle");

            bot.telegram.pressButton(user, waiting.messageId(), "s:" + job + ":cinematic");

            assertThat(answer(1)).isEqualTo("🎨 Style: 🎬 Cinematic");
            BotApiCall restyled = bot.telegram.await(c -> c.method().equals("editMessageText")
                    && c.messageId() == waiting.messageId() && c.text().contains("Cinematic"), WAIT);
            assertThat(restyled.text()).contains("In the queue: #1").contains("Style: 🎬 Cinematic");
            assertThat(restyled.buttonLabels()).contains("✓ 🎬 Cinematic", "💞 Gentle");

            String runningJob = running.buttons().getFirst().substring("c:".length());
            bot.telegram.pressButton(other, running.messageId(), "s:" + runningJob + ":rain");
            assertThat(answer(2)).startsWith("Это видео уже делается");
        } finally {
            bot.generator.releasePolls();
        }
        bot.telegram.awaitCalls("sendVideo", 2, WAIT);

        assertThat(bot.generator.submissions()).extracting(r -> r.direction().style())
                .containsExactly(VideoStyle.GENTLE, new VideoStyle("cinematic"));
    }

    @Test
    void forged_or_stale_style_buttons_are_answered_and_change_nothing() throws Exception {
        var stranger = new FakeBotApi.User(304, "en");
        try {
            BotApiCall waiting = waitingBehind(stranger, 140);
            String job = waiting.buttons().getFirst().substring("c:".length());
            int edits = editsOf(waiting);

            bot.telegram.pressButton(stranger, waiting.messageId(), "s:" + job + ":rain");
            assertThat(answer(1)).as("someone else's job").isEqualTo("This button is no longer valid.");
            bot.telegram.pressButton(user, waiting.messageId(), "s:" + job + ":underwater");
            assertThat(answer(2)).as("a style not offered").isEqualTo("That style is not offered any more. Please choose one of the buttons.");
            bot.telegram.pressButton(user, waiting.messageId(), "s:00000000-0000-0000-0000-000000000000:rain");
            assertThat(answer(3)).as("no such job").isEqualTo("This button is no longer valid.");
            bot.telegram.pressButton(user, waiting.messageId(), "s:" + job + ":Rain Dance!");
            assertThat(answer(4)).as("garbage").isEqualTo("This button is no longer valid.");
            bot.telegram.pressButton(user, waiting.messageId(), "s:" + job);
            assertThat(answer(5)).as("cut short").isEqualTo("This button is no longer valid.");
            bot.telegram.pressButton(user, waiting.messageId(), "x".repeat(80));
            assertThat(answer(6)).as("too long for any button").isEqualTo("This button is no longer valid.");

            assertThat(editsOf(waiting)).as("the message shows what it showed").isEqualTo(edits);
        } finally {
            bot.generator.releasePolls();
        }
        bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(bot.generator.submissions()).extracting(r -> r.direction().style())
                .containsOnly(VideoStyle.GENTLE);
    }

    @Test
    void another_take_of_a_delivered_video_is_a_new_generation_of_the_same_photos() throws Exception {
        bot = BotRig.longPolling();
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 150);
        bot.detector.sees(photo, 2);
        bot.telegram.sendPhoto(user, photo, "in Rome");
        BotApiCall video = bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        String job = video.buttons().getFirst().substring("t:".length());
        assertThat(video.buttons()).containsExactlyElementsOf(expectedTakeButtons(job));
        assertThat(video.buttonLabels().getFirst()).isEqualTo("🔁 Another take");
        assertThat(video.text()).contains("Another take").contains("counts against your limit");
        bot.awaitNoActiveJob(user);
        int before = bot.core.usage().usage(idOf(user)).quota().used();

        bot.telegram.pressButton(user, video.messageId(), "t:" + job + ":rain");

        List<BotApiCall> videos = bot.telegram.awaitCalls("sendVideo", 2, WAIT);
        assertThat(answer(1)).isEqualTo("🔁 Another take");
        assertThat(bot.generator.submissions()).hasSize(2);
        assertThat(bot.generator.submissions().get(1).direction())
                .isEqualTo(new dev.kisscam.core.domain.Direction(new VideoStyle("rain"), Wish.from("in Rome")));
        assertThat(bot.generator.submittedPhotoBytes()).containsExactly(photo, photo);
        assertThat(bot.core.usage().usage(idOf(user)).quota().used()).isEqualTo(before + 1);
        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::text).contains("🔁 Another take of the same photos…");

        // A take while another video is being made is refused, and says why.
        bot.awaitNoActiveJob(user);
        bot.generator.holdPolls();
        try {
            String take = videos.get(1).buttons().getFirst().substring("t:".length());
            int polled = bot.generator.polls();
            bot.telegram.pressButton(user, videos.get(1).messageId(), "t:" + take);
            bot.generator.awaitPolls(polled + 1, WAIT);
            bot.telegram.pressButton(user, videos.get(1).messageId(), "t:" + take);
            bot.telegram.awaitText(user, "Your previous video is still in progress", WAIT);
        } finally {
            bot.generator.releasePolls();
        }
        bot.telegram.awaitCalls("sendVideo", 3, WAIT);
        assertThat(bot.generator.submissions().get(2).direction().style()).isEqualTo(new VideoStyle("rain"));
    }

    @Test
    void another_take_of_someone_elses_video_is_refused() throws Exception {
        bot = BotRig.longPolling();
        var stranger = new FakeBotApi.User(305, "en");
        bot.consented(user);
        bot.consented(stranger);
        byte[] photo = TestImages.jpeg(640, 480, 160);
        bot.detector.sees(photo, 2);
        bot.telegram.sendPhoto(user, photo);
        BotApiCall video = bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);

        bot.telegram.pressButton(stranger, video.messageId(), video.buttons().getFirst());

        bot.telegram.awaitText(stranger, "This video cannot be made again", WAIT);
        assertThat(bot.generator.submissions()).hasSize(1);
    }

    @Test
    void the_same_photos_again_get_the_earlier_video_with_a_way_to_a_new_one() throws Exception {
        bot = BotRig.longPolling();
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 170);
        bot.detector.sees(photo, 2);
        bot.telegram.sendPhoto(user, photo);
        bot.telegram.awaitCalls("sendVideo", 1, WAIT);
        bot.awaitNoActiveJob(user);

        bot.telegram.sendPhoto(user, photo);

        BotApiCall hint = bot.telegram.awaitText(user, "it is the earlier video", WAIT);
        assertThat(hint.text()).contains("Another take");
        BotApiCall again = bot.telegram.awaitCalls("sendVideo", 2, WAIT).get(1);
        assertThat(again.buttons()).first().asString().startsWith("t:");
        bot.awaitNoActiveJob(user);

        bot.telegram.pressButton(user, again.messageId(), again.buttons().getFirst());

        bot.telegram.awaitCalls("sendVideo", 3, WAIT);
        assertThat(bot.generator.submissions()).as("the earlier video, then a new take").hasSize(2);
    }

    @Test
    void the_descriptions_are_set_in_each_language_without_holding_up_the_bot() throws Exception {
        bot = BotRig.afterSettingUp(telegram -> telegram.hold("getMyDescription"));
        bot.consented(user);
        byte[] photo = TestImages.jpeg(640, 480, 180);
        bot.detector.sees(photo, 2);

        bot.telegram.sendPhoto(user, photo);
        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        bot.telegram.release("getMyDescription");

        List<BotApiCall> descriptions = bot.telegram.awaitCalls("setMyDescription", 5, WAIT);
        List<BotApiCall> shortOnes = bot.telegram.awaitCalls("setMyShortDescription", 5, WAIT);
        assertThat(descriptions).extracting(c -> c.params().path("language_code").asText(""))
                .containsExactly("", "en", "ru", "uk", "be");
        assertThat(descriptions.get(1).params().path("description").asText())
                .isEqualTo(Texts.of(Texts.ENGLISH).get("description")).contains("two people");
        assertThat(descriptions.get(2).params().path("description").asText())
                .isEqualTo(Texts.of(Texts.RUSSIAN).get("description")).contains("двух людей");
        assertThat(shortOnes.get(2).params().path("short_description").asText())
                .isEqualTo(Texts.of(Texts.RUSSIAN).get("description.short"));
        // A call is recorded when it arrives and its answer a moment later: wait for each answer, then judge it.
        for (BotApiCall call : java.util.stream.Stream.concat(descriptions.stream(), shortOnes.stream()).toList()) {
            bot.telegram.await(c -> c == call && bot.telegram.answeredWith(c) != 0, WAIT);
        }
        assertThat(bot.telegram.calls()).filteredOn(c -> c.method().startsWith("setMy") && c.method().endsWith("Description"))
                .as("within the Bot API's lengths").allSatisfy(c -> assertThat(bot.telegram.answeredWith(c)).isEqualTo(200));
    }

    @Test
    void descriptions_telegram_shows_already_are_not_set_again() throws Exception {
        Texts english = Texts.of(Texts.ENGLISH);
        Texts russian = Texts.of(Texts.RUSSIAN);
        bot = BotRig.afterSettingUp(telegram -> {
            telegram.describedAs("", english.get("description"), english.get("description.short"));
            telegram.describedAs("ru", russian.get("description"), russian.get("description.short"));
        });

        List<BotApiCall> set = bot.telegram.awaitCalls("setMyShortDescription", 3, WAIT);

        assertThat(set).extracting(c -> c.params().path("language_code").asText("")).containsExactly("en", "uk", "be");
        assertThat(bot.telegram.calls("setMyDescription")).extracting(c -> c.params().path("language_code").asText(""))
                .containsExactly("en", "uk", "be");
    }

    @Test
    void a_description_telegram_refuses_is_logged_and_the_bot_serves_all_the_same() throws Exception {
        bot = BotRig.afterSettingUp(telegram -> telegram.failNext("setMyShortDescription", 1000));
        bot.consented(user);

        // Every language's short description is tried until the attempts run out; the long ones are set.
        bot.telegram.awaitCalls("setMyDescription", 5, WAIT);
        bot.telegram.await(c -> c.method().equals("setMyShortDescription")
                && c.params().path("language_code").asText("").equals("be") && bot.telegram.answeredWith(c) == 500, WAIT);
        byte[] photo = TestImages.jpeg(640, 480, 181);
        bot.detector.sees(photo, 2);
        bot.telegram.sendPhoto(user, photo);

        bot.telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(bot.telegram.calls("setMyShortDescription")).allSatisfy(c ->
                assertThat(bot.telegram.answeredWith(c)).isEqualTo(500));
    }

    /**
     * A bot that makes one video at a time: {@code ahead}'s video is being made (its polls held until the test
     * releases them), and the user's waits behind it. Returns the message that shows the user's place in line.
     */
    private BotApiCall waitingBehind(FakeBotApi.User ahead, int seed) throws Exception {
        bot = BotRig.withCore(s -> s.withMaxConcurrentGenerations(1));
        bot.consented(user);
        bot.consented(ahead);
        byte[] first = TestImages.jpeg(640, 480, seed);
        byte[] second = TestImages.jpeg(640, 480, seed + 1);
        bot.detector.sees(first, 2).sees(second, 2);
        bot.generator.holdPolls();
        bot.telegram.sendPhoto(ahead, first);
        bot.generator.awaitPolls(1, WAIT);
        bot.telegram.sendPhoto(user, second);
        return bot.telegram.await(c -> c.chatId() == user.id() && c.text().contains("In the queue")
                && c.buttons().stream().anyMatch(b -> b.startsWith("s:")), WAIT);
    }

    private int editsOf(BotApiCall message) {
        return (int) bot.telegram.calls("editMessageText").stream().filter(c -> c.messageId() == message.messageId()).count();
    }

    /** The text of the {@code n}-th button answer, once it has come. */
    private String answer(int n) throws InterruptedException {
        return bot.telegram.awaitCalls("answerCallbackQuery", n, WAIT).get(n - 1).params().path("text").asText();
    }

    private static List<String> expectedButtons(String job) {
        var buttons = new java.util.ArrayList<String>();
        buttons.add("c:" + job);
        KisscamSettings.STYLES.forEach(style -> buttons.add("s:" + job + ":" + style.id()));
        return buttons;
    }

    private static List<String> expectedTakeButtons(String job) {
        var buttons = new java.util.ArrayList<String>();
        buttons.add("t:" + job);
        KisscamSettings.STYLES.forEach(style -> buttons.add("t:" + job + ":" + style.id()));
        return buttons;
    }

    private static RequesterId idOf(FakeBotApi.User user) {
        return new RequesterId("telegram:" + user.id());
    }
}
