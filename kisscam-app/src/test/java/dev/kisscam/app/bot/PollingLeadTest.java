package dev.kisscam.app.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Stage;
import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.redis.testing.TestRedis;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.app.wiring.Modules;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * Two bots in polling mode sharing one Redis, each in its own directory and each with a Telegram of its own, so
 * that which one polls can be told apart: one polls, the other only works, and takes over when the first stops.
 */
class PollingLeadTest {
    /** A database of this test's own: the program's keys have no prefix a test could choose. */
    private static final int DATABASE = 11;

    @TempDir
    Path storage;

    private RedisConfig redis;
    private final List<BotLifecycle> running = new ArrayList<>();
    private final List<FakeBotApi> telegrams = new ArrayList<>();

    @BeforeEach
    void redis() {
        RedisConfig server = TestRedis.server();
        redis = RedisConfig.of(server.host(), server.port(), DATABASE, server.password());
        deleteKeys();
    }

    @AfterEach
    void stop() {
        running.forEach(BotLifecycle::stop);
        telegrams.forEach(FakeBotApi::close);
        deleteKeys();
    }

    private void deleteKeys() {
        RedissonClient client = TestRedis.client(redis);
        try {
            TestRedis.deleteKeys(client, RedisConfig.DEFAULT_KEY_PREFIX);
        } finally {
            client.shutdown();
        }
    }

    private BotLifecycle bot(String name, FakeBotApi telegram) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl().toString());
        env.put("GROK_API_KEY", "xai-key-for-lead-tests");
        env.put("GROK_API_URL", "http://127.0.0.1:1/v1");
        env.put("STORAGE_PATH", storage.resolve(name).toString());
        env.put("PORT", "0");
        env.put("HOST", "127.0.0.1");
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("REDIS_DB", String.valueOf(DATABASE));
        redis.password().ifPresent(password -> env.put("REDIS_PASSWORD", password));
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        assertThat(loaded).isInstanceOf(ConfigLoader.Valid.class);
        AppConfig config = ((ConfigLoader.Valid) loaded).config();
        BotLifecycle lifecycle = Guice.createInjector(Stage.DEVELOPMENT, Modules.bot(config))
                .getInstance(BotLifecycle.class);
        running.add(lifecycle);
        lifecycle.start();
        return lifecycle;
    }

    private FakeBotApi telegram() throws IOException {
        FakeBotApi telegram = FakeBotApi.start();
        telegrams.add(telegram);
        return telegram;
    }

    @Test
    void one_instance_polls_and_the_other_takes_over_when_it_stops() throws Exception {
        FakeBotApi firstTelegram = telegram();
        FakeBotApi secondTelegram = telegram();

        BotLifecycle first = bot("first", firstTelegram);
        assertThat(firstTelegram.awaitFirstGetUpdates(Duration.ofSeconds(10))).as("the first instance polls").isPresent();

        bot("second", secondTelegram);
        // Had it won the lead, start() would have set up the command menu and polling before returning.
        assertThat(secondTelegram.calls("setMyCommands")).as("the second instance waits: it does not poll").isEmpty();

        first.stop();

        assertThat(secondTelegram.awaitFirstGetUpdates(Duration.ofSeconds(20)))
                .as("the second instance polls once the first has stopped").isPresent();
    }
}
