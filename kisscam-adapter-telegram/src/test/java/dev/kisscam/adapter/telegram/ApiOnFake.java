package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;

/** A {@link BotApi} on the real TelegramBots client, talking to a fresh fake Bot API, for tests of single calls. */
final class ApiOnFake implements AutoCloseable {
    final FakeBotApi telegram;
    final BotApi api;
    private final OkHttpClient http = new OkHttpClient();
    private final FloodControl flood;

    ApiOnFake(int maxAttempts, Duration retryPause, Pacer pacer) throws IOException {
        this(maxAttempts, retryPause, pacer, BotRig.QUICK_FLOOD_LIMITS);
    }

    ApiOnFake(int maxAttempts, Duration retryPause, Pacer pacer, TelegramConfig.FloodLimits limits) throws IOException {
        flood = new FloodControl(limits);
        telegram = FakeBotApi.start();
        api = new BotApi(new OkHttpTelegramClient(http, FakeBotApi.TOKEN,
                TelegramAdapters.telegramUrl(BotRig.testConfig(telegram))),
                new TokenRedaction(FakeBotApi.TOKEN), maxAttempts, retryPause, pacer, flood);
    }

    /** Neither the error nor any of its causes names the bot token. */
    static void assertNoToken(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeBotApi.TOKEN);
        }
    }

    @Override
    public void close() {
        flood.close();
        http.dispatcher().executorService().shutdown();
        telegram.close();
    }
}
