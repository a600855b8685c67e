package dev.kisscam.app.e2e;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.PackagedProgram;
import dev.kisscam.app.testing.SimulatedXai;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The world around the program in an end-to-end test: a fake Telegram and a simulated xAI on loopback, a
 * storage directory, and the bot processes started over it.
 */
final class Rig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final FakeBotApi telegram;
    final SimulatedXai xai;
    final Path directory;
    private final List<BotProcess> processes = new ArrayList<>();

    Rig(Path directory, Duration generationTime) throws IOException {
        this.directory = directory;
        this.telegram = FakeBotApi.start();
        this.xai = SimulatedXai.start(generationTime);
    }

    /** The bot's environment: everything pointed at the fakes, storage in the test's directory. */
    Map<String, String> env(String... overrides) {
        var env = new HashMap<>(PackagedProgram.botEnvironment(telegram, xai, directory));
        env.put("GROK_POLL_INTERVAL", "0.2");
        env.put("GROK_REQUESTS_PER_SECOND", "5000");
        env.put("PORT", "0");
        env.put("LOG_LEVEL", "INFO");
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return env;
    }

    BotProcess startBot(Map<String, String> env) throws IOException {
        BotProcess bot = BotProcess.start(directory, env, "bot");
        processes.add(bot);
        return bot;
    }

    /** Sends the user's first photo and confirms the consent question it brings up. */
    void sendFirstPhoto(FakeBotApi.User user, byte[] photo) throws InterruptedException {
        telegram.sendPhoto(user, photo);
        BotApiCall question = telegram.await(c -> c.chatId() == user.id() && c.buttons().contains("consent"), WAIT);
        telegram.pressButton(user, question.messageId(), "consent");
    }

    BotApiCall awaitVideo(FakeBotApi.User user) throws InterruptedException {
        return telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == user.id(), WAIT);
    }

    @Override
    public void close() throws InterruptedException {
        for (BotProcess process : processes) {
            process.close();
        }
        telegram.close();
        xai.close();
    }
}
