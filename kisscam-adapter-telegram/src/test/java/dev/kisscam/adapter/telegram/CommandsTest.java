package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandsTest {
    private static BotRig bot;

    @BeforeAll
    static void startBot() throws Exception {
        bot = BotRig.longPolling();
    }

    @AfterAll
    static void stopBot() {
        bot.close();
    }

    @ParameterizedTest(name = "language_code {1}")
    @CsvSource(nullValues = "none", value = {
        "101, en,    I turn a photo of two people, How it works, 🔞, Send one photo with two people, Videos made: 0, nothing to cancel, don’t know that command, Send me a photo",
        "102, ru,    Я превращаю фото двух людей, Как это работает, 🔞, Пришлите одно фото с двумя людьми, Сделано видео: 0, Отменять нечего, Такой команды я не знаю, Пришлите фото двух людей",
        "103, uk,    Я превращаю фото двух людей, Как это работает, 🔞, Пришлите одно фото с двумя людьми, Сделано видео: 0, Отменять нечего, Такой команды я не знаю, Пришлите фото двух людей",
        "104, be,    Я превращаю фото двух людей, Как это работает, 🔞, Пришлите одно фото с двумя людьми, Сделано видео: 0, Отменять нечего, Такой команды я не знаю, Пришлите фото двух людей",
        "105, pt-br, I turn a photo of two people, How it works, 🔞, Send one photo with two people, Videos made: 0, nothing to cancel, don’t know that command, Send me a photo",
        "106, none,  I turn a photo of two people, How it works, 🔞, Send one photo with two people, Videos made: 0, nothing to cancel, don’t know that command, Send me a photo"
    })
    void every_command_answers_in_the_users_language(long id, String language, String greeting, String steps,
                                                      String adultsOnly, String help, String stats, String cancel,
                                                      String unknown, String hint) throws Exception {
        var user = new FakeBotApi.User(id, language);

        bot.telegram.sendText(user, "/start");
        String start = bot.telegram.awaitText(user, greeting, WAIT).text();
        assertThat(start).contains(steps).contains("1.").contains("2.").contains("3.").contains(adultsOnly);

        bot.telegram.sendText(user, "/help@kisscam_test_bot");
        bot.telegram.awaitText(user, help, WAIT);

        bot.telegram.sendText(user, "/stats");
        String usage = bot.telegram.awaitText(user, stats, WAIT).text();
        assertThat(usage).contains(BotRig.QUOTA + "").contains("UTC");

        bot.telegram.sendText(user, "/cancel");
        bot.telegram.awaitText(user, cancel, WAIT);

        bot.telegram.sendText(user, "/dance");
        bot.telegram.awaitText(user, unknown, WAIT);

        bot.telegram.sendText(user, "hello there");
        bot.telegram.awaitText(user, hint, WAIT);

        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::method).containsOnly("sendMessage").hasSize(6);
    }

    @Test
    void the_command_menu_is_registered_in_english_and_russian() {
        List<BotApiCall> menus = bot.telegram.calls("setMyCommands");
        assertThat(menus).extracting(c -> c.params().path("language_code").asText(""))
                .containsExactlyInAnyOrder("", "ru", "uk", "be");
        BotApiCall english = menus.stream().filter(c -> !c.params().has("language_code")
                || c.params().get("language_code").isNull()).findFirst().orElseThrow();
        BotApiCall russian = menus.stream().filter(c -> "ru".equals(c.params().path("language_code").asText()))
                .findFirst().orElseThrow();
        assertThat(english.params().path("commands").findValuesAsText("command"))
                .containsExactly("start", "help", "stats", "cancel");
        assertThat(english.params().path("commands").findValuesAsText("description")).contains("Your usage");
        assertThat(russian.params().path("commands").findValuesAsText("description")).contains("Ваша статистика");
    }

    @Test
    void stickers_and_voice_get_a_short_hint() throws Exception {
        var user = new FakeBotApi.User(110, "en");
        bot.telegram.sendSticker(user);
        bot.telegram.awaitText(user, "I work with photos only", WAIT);
        bot.telegram.sendVoice(user);
        bot.telegram.await(c -> c.chatId() == user.id() && c.visible() && bot.telegram.chat(user).size() == 2, WAIT);
        assertThat(bot.telegram.chat(user)).extracting(BotApiCall::text)
                .allMatch(t -> t.contains("I work with photos only"));
        assertThat(bot.telegram.calls("getFile")).isEmpty();
    }
}
