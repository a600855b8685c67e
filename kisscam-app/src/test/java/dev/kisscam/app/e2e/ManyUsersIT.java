package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ManyUsersIT extends WithRig {
    private static final int USERS = 200;
    private static final Duration PATIENCE = Duration.ofMinutes(4);


    @Test
    void two_hundred_users_at_once_with_a_provider_taking_five_seconds_each_all_get_their_video() throws Exception {
        rig(Duration.ofSeconds(5));
        rig.startBot(rig.env("MAX_CONCURRENT_GENERATIONS", "100", "GROK_POLL_INTERVAL", "1")).awaitRunning(Rig.WAIT);
        List<FakeBotApi.User> users = IntStream.range(0, USERS).mapToObj(i -> new FakeBotApi.User(10_000 + i, "en")).toList();
        byte[] photo = ScenePhotos.jpeg(2, 640, 480);

        users.forEach(user -> rig.telegram.sendPhoto(user, photo));
        List<BotApiCall> questions = rig.telegram.awaitCalls("editMessageText", USERS, PATIENCE).stream()
                .filter(c -> c.buttons().contains("consent")).toList();
        // Every user is asked once; each answers.
        assertThat(questions).extracting(BotApiCall::chatId).doesNotHaveDuplicates();
        users.forEach(user -> {
            BotApiCall question = questionFor(user);
            rig.telegram.pressButton(user, question.messageId(), "consent");
        });

        List<BotApiCall> videos = rig.telegram.awaitCalls("sendVideo", USERS, PATIENCE);
        Set<Long> served = new HashSet<>();
        videos.forEach(video -> served.add(video.chatId()));
        assertThat(served).hasSize(USERS);
        assertThat(rig.xai.submissions()).isEqualTo(USERS);
    }

    private BotApiCall questionFor(FakeBotApi.User user) {
        try {
            return rig.telegram.await(c -> c.chatId() == user.id() && c.buttons().contains("consent"), PATIENCE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
