package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Users who have confirmed consent and had their first video, as a returning user has: the first photo asks
 * for consent, so it cannot be measured alongside the others. Their first jobs also warm up the bot's JIT.
 */
final class Onboarding {
    private Onboarding() {
    }

    /** Each user sends {@code photos}, confirms the consent question, and gets a video; returns once all jobs are over. */
    static void onboard(ChildBot bot, FakeBotApi telegram, List<FakeBotApi.User> users, JobPhotos photos,
            Duration timeout) throws Exception {
        Map<Long, FakeBotApi.User> byChat = users.stream()
                .collect(Collectors.toMap(FakeBotApi.User::id, Function.identity()));
        double deliveredBefore = bot.metrics().delivered();
        CallWatch questions = CallWatch.from(telegram);
        CallWatch videos = CallWatch.from(telegram);
        users.forEach(user -> photos.send(telegram, user));
        questions.await(call -> call.buttons().contains("consent") && byChat.containsKey(call.chatId()), users.size(),
                call -> telegram.pressButton(byChat.get(call.chatId()), call.messageId(), "consent"),
                bot::requireNoFailedJobs, timeout);
        videos.await(call -> call.method().equals("sendVideo") && byChat.containsKey(call.chatId()), users.size(),
                Onboarding::ignore, bot::requireNoFailedJobs, timeout);
        // A user's next photo is refused while the first job is still active; it ends after the final status edit.
        bot.awaitDelivered(deliveredBefore + users.size(), timeout);
    }

    /**
     * {@link #onboard} for {@code users} in groups of at most {@code atOnce}, one group after the other: as many
     * first jobs as there are users, without more of them in the bot at once than a measurement itself runs.
     */
    static void onboardInGroups(ChildBot bot, FakeBotApi telegram, List<FakeBotApi.User> users, JobPhotos photos,
            int atOnce, Duration timeout) throws Exception {
        for (int from = 0; from < users.size(); from += atOnce) {
            onboard(bot, telegram, users.subList(from, Math.min(from + atOnce, users.size())), photos, timeout);
        }
    }

    private static void ignore(BotApiCall call) {
    }
}
