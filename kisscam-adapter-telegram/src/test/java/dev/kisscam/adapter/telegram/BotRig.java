package dev.kisscam.adapter.telegram;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryConsentStore;
import dev.kisscam.core.testing.InMemoryEarlierVideos;
import dev.kisscam.core.testing.InMemoryJobStore;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The whole bot for a test: the real core on in-memory fakes, the Telegram frontend, and a fake Bot API on
 * 127.0.0.1 that the frontend long-polls through the real TelegramBots client.
 */
final class BotRig implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int QUOTA = 5;
    static final StyleLabels STYLES = StyleLabels.of(KisscamSettings.STYLES);
    /** Far above what the tests send, so the flood control orders calls without slowing them down. */
    static final TelegramConfig.FloodLimits QUICK_FLOOD_LIMITS = new TelegramConfig.FloodLimits(2000, 1000, 1);

    final FakeBotApi telegram;
    final FakePeopleDetector detector = new FakePeopleDetector();
    final FakeVideoGenerator generator = new FakeVideoGenerator();
    final InMemoryConsentStore consents = new InMemoryConsentStore();
    final Kisscam core;
    final TelegramAdapters adapters;
    final TelegramUpdates updates;

    private BotRig(UnaryOperator<TelegramConfig> adjust, Pacer pacer) throws IOException {
        this(adjust, UnaryOperator.identity(), telegram -> { }, pacer);
    }

    private BotRig(UnaryOperator<TelegramConfig> adjust, UnaryOperator<KisscamSettings> settings,
            Consumer<FakeBotApi> beforeStart, Pacer pacer) throws IOException {
        telegram = FakeBotApi.start();
        beforeStart.accept(telegram);
        TelegramConfig config = adjust.apply(testConfig(telegram));
        adapters = new TelegramAdapters(config, STYLES, pacer);
        core = Kisscam.builder()
                .mediaStore(new InMemoryMediaStore()).jobStore(new InMemoryJobStore()).consentStore(consents)
                .quota(new InMemoryQuota(QUOTA, Duration.ofDays(1)))
                .peopleDetector(detector).videoGenerator(generator).delivery(adapters.delivery())
                .earlierVideos(new InMemoryEarlierVideos(100))
                .settings(settings.apply(KisscamSettings.defaults().withMaxResubmissions(0)))
                .clock(Clock.systemUTC())
                .build();
        core.start();
        updates = adapters.updates(new CorePorts(core.intake(), core.control(), core.usage(), core.consent()));
        updates.start();
    }

    static BotRig longPolling() throws IOException {
        return new BotRig(UnaryOperator.identity(), Pacer.system());
    }

    static BotRig with(UnaryOperator<TelegramConfig> adjust) throws IOException {
        return new BotRig(adjust, Pacer.system());
    }

    /** A bot whose core has other settings. */
    static BotRig withCore(UnaryOperator<KisscamSettings> settings) throws IOException {
        return new BotRig(UnaryOperator.identity(), settings, telegram -> { }, Pacer.system());
    }

    /** A bot whose fake Telegram is set up (to fail a call, say) before the bot first calls it. */
    static BotRig afterSettingUp(Consumer<FakeBotApi> beforeStart) throws IOException {
        return new BotRig(UnaryOperator.identity(), UnaryOperator.identity(), beforeStart, Pacer.system());
    }

    /** Quick settings for tests: no pause between edits, a short album window, quick retries, a quick pace. */
    static TelegramConfig testConfig(FakeBotApi telegram) {
        return TelegramConfig.longPolling(FakeBotApi.TOKEN)
                .withApiUrl(telegram.baseUrl())
                .withAlbumWindow(Duration.ofMillis(300))
                .withEditInterval(Duration.ZERO)
                .withChatActionEvery(Duration.ofSeconds(4))
                .withRetries(4, Duration.ofMillis(20))
                .withFloodLimits(QUICK_FLOOD_LIMITS)
                .withKeptPhotos(new TelegramConfig.PhotoKeeping(Duration.ofMinutes(1), 4, 1000, Duration.ofMillis(50)));
    }

    /**
     * Waits until the user has no active job. The video reaches Telegram just before the core records the job
     * as done, so a photo sent on seeing it could still meet the old job (and be kept until it is done).
     */
    void awaitNoActiveJob(FakeBotApi.User user) throws InterruptedException {
        var id = new dev.kisscam.core.domain.RequesterId("telegram:" + user.id());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (core.usage().usage(id).activeJob().isPresent()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the job of " + user + " is still active after " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    /** Lets a user skip the consent question, as one who confirmed earlier. */
    void consented(FakeBotApi.User user) {
        core.consent().giveConsent(new dev.kisscam.core.domain.RequesterId("telegram:" + user.id()));
    }

    @Override
    public void close() {
        adapters.close();
        core.close();
        telegram.close();
    }
}
