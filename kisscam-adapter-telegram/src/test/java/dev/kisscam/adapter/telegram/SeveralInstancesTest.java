package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryConsentStore;
import dev.kisscam.core.testing.InMemoryEarlierVideos;
import dev.kisscam.core.testing.InMemoryJobStore;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.TestImages;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the frontend behind one round-robin webhook, over one core and one fake Telegram: the items
 * of an album reach different instances, and the album store they share makes them one job; an update one
 * instance receives is handled by the instance whose turn the chat's order gives it to; a photo one instance keeps
 * until its sender consents goes on when the consent reaches the other, through the kept-photo store they share.
 */
class SeveralInstancesTest {
    private static final String SECRET = "s3cret_for-the-webhook";

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final FakePeopleDetector detector = new FakePeopleDetector();
    private final FakeVideoGenerator generator = new FakeVideoGenerator();
    private FakeBotApi telegram;
    private Kisscam core;

    @BeforeEach
    void start() throws Exception {
        telegram = FakeBotApi.start();
        open.add(telegram);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void an_album_whose_items_reach_two_instances_is_one_job() throws Exception {
        AlbumStore shared = AlbumStore.inProcess();
        List<URI> webhooks = instances(shared, shared);
        Album album = albumOfTwoPeople(new FakeBotApi.User(601, "en"), 21);

        assertThat(postItem(webhooks.get(0), album.user(), album.first(), "album-9")).isEqualTo(200);
        assertThat(postItem(webhooks.get(1), album.user(), album.second(), "album-9")).isEqualTo(200);

        telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(generator.submissions()).singleElement()
                .satisfies(request -> assertThat(request.photos()).hasSize(2));
        assertThat(telegram.chat(album.user())).extracting(BotApiCall::text)
                .containsOnlyOnce("📥 Photos received.")
                .noneMatch(t -> t.contains("Photo received"))
                .noneMatch(t -> t.contains("I see one person"));
    }

    @Test
    void without_a_shared_store_the_same_items_are_two_single_photos() throws Exception {
        List<URI> webhooks = instances(AlbumStore.inProcess(), AlbumStore.inProcess());
        Album album = albumOfTwoPeople(new FakeBotApi.User(602, "en"), 23);

        postItem(webhooks.get(0), album.user(), album.first(), "album-10");
        postItem(webhooks.get(1), album.user(), album.second(), "album-10");

        telegram.awaitText(album.user(), "I see one person", WAIT);
        assertThat(telegram.chat(album.user())).extracting(BotApiCall::text).doesNotContain("📥 Photos received.");
    }

    @Test
    void a_store_that_cannot_be_asked_for_a_moment_is_asked_again_and_the_album_still_goes() throws Exception {
        AlbumStore inner = AlbumStore.inProcess();
        var failures = new AtomicInteger(3);
        AlbumStore flaky = new AlbumStore() {
            @Override
            public void add(long chatId, String mediaGroupId, String item, Duration quietWindow) {
                inner.add(chatId, mediaGroupId, item, quietWindow);
            }

            @Override
            public Claim claim(long chatId, String mediaGroupId) {
                if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("the store does not answer");
                }
                return inner.claim(chatId, mediaGroupId);
            }
        };
        List<URI> webhooks = instances(flaky, flaky);
        Album album = albumOfTwoPeople(new FakeBotApi.User(603, "en"), 25);

        postItem(webhooks.get(0), album.user(), album.first(), "album-11");
        postItem(webhooks.get(1), album.user(), album.second(), "album-11");

        telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(failures.get()).as("every failure was met").isNegative();
        assertThat(generator.submissions()).singleElement()
                .satisfies(request -> assertThat(request.photos()).hasSize(2));
    }

    @Test
    void an_update_one_instance_receives_is_handled_where_the_chats_order_hands_it() throws Exception {
        var firstHoldsEveryTurn = new ChatOrder() {
            private volatile Handler holder;

            @Override
            public synchronized Queue start(Handler handler) {
                if (holder == null) {
                    holder = handler;
                }
                return new Queue() {
                    @Override
                    public void offer(long chatId, long updateId, String update) {
                        holder.handle(chatId, update);
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        // The second instance's core must not be reached: what it receives is handled by the first.
        var unreached = new ResilienceTest.UnreachedCore();
        List<URI> webhooks = instances(AlbumStore.inProcess(), AlbumStore.inProcess(), firstHoldsEveryTurn,
                new CorePorts(unreached, unreached, unreached, unreached), Optional.empty(), Optional.empty());
        var user = new FakeBotApi.User(604, "en");
        byte[] couple = TestImages.jpeg(640, 480, 27);
        detector.sees(couple, 2);
        core.consent().giveConsent(new RequesterId("telegram:" + user.id()));

        assertThat(post(webhooks.get(1), telegram.photoUpdateJson(user, couple, null))).isEqualTo(200);

        telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(generator.submissions()).singleElement()
                .satisfies(request -> assertThat(request.photos()).hasSize(1));
    }

    @Test
    void a_photo_kept_by_one_instance_goes_on_when_the_consent_press_reaches_the_other() throws Exception {
        KeptPhotoStore shared = KeptPhotoStore.inProcess();
        List<URI> webhooks = instancesKeeping(Optional.of(shared), Optional.of(shared));
        var user = new FakeBotApi.User(605, "en");
        byte[] couple = TestImages.jpeg(640, 480, 29);
        detector.sees(couple, 2);

        assertThat(post(webhooks.get(0), telegram.photoUpdateJson(user, couple, null))).isEqualTo(200);
        BotApiCall question = awaitConsentQuestion();
        assertThat(post(webhooks.get(1), telegram.callbackUpdateJson(user, question.messageId(), "consent")))
                .isEqualTo(200);

        telegram.await(c -> c.method().equals("sendVideo"), WAIT);
        assertThat(generator.submittedPhotoBytes()).containsExactly(couple);
        assertThat(telegram.chat(user)).extracting(BotApiCall::text)
                .noneMatch(t -> t.contains("Now send me a photo"));
    }

    @Test
    void without_a_shared_kept_photo_store_the_other_instance_asks_for_the_photo_again() throws Exception {
        List<URI> webhooks = instancesKeeping(Optional.empty(), Optional.empty());
        var user = new FakeBotApi.User(606, "en");
        byte[] couple = TestImages.jpeg(640, 480, 31);
        detector.sees(couple, 2);

        post(webhooks.get(0), telegram.photoUpdateJson(user, couple, null));
        BotApiCall question = awaitConsentQuestion();
        post(webhooks.get(1), telegram.callbackUpdateJson(user, question.messageId(), "consent"));

        telegram.awaitText(user, "✅ Thank you! Now send me a photo of two people", WAIT);
        assertThat(generator.submissions()).isEmpty();
    }

    private BotApiCall awaitConsentQuestion() throws InterruptedException {
        return telegram.await(c -> c.buttons().contains("consent"), WAIT);
    }

    private record Album(FakeBotApi.User user, byte[] first, byte[] second) {
    }

    /** Two photos of one person each, from a user who consented: as an album, one job. */
    private Album albumOfTwoPeople(FakeBotApi.User user, int seed) {
        var album = new Album(user, TestImages.jpeg(640, 480, seed), TestImages.jpeg(640, 480, seed + 1));
        detector.sees(album.first(), 1).sees(album.second(), 1);
        core.consent().giveConsent(new RequesterId("telegram:" + user.id()));
        return album;
    }

    /** Two frontends over one core, each with its webhook; the core tells users through the first. */
    private List<URI> instances(AlbumStore albumsOfFirst, AlbumStore albumsOfSecond) throws Exception {
        return instances(albumsOfFirst, albumsOfSecond, ChatOrder.IN_PROCESS, null, Optional.empty(), Optional.empty());
    }

    /** Two frontends, each with its own album store, keeping photos that cannot go on yet as given. */
    private List<URI> instancesKeeping(Optional<KeptPhotoStore> keptOfFirst, Optional<KeptPhotoStore> keptOfSecond)
            throws Exception {
        return instances(AlbumStore.inProcess(), AlbumStore.inProcess(), ChatOrder.IN_PROCESS, null, keptOfFirst,
                keptOfSecond);
    }

    /** @param secondsCore the core the second instance hands updates to; null: the same as the first's */
    private List<URI> instances(AlbumStore albumsOfFirst, AlbumStore albumsOfSecond, ChatOrder order,
            CorePorts secondsCore, Optional<KeptPhotoStore> keptOfFirst, Optional<KeptPhotoStore> keptOfSecond)
            throws Exception {
        TelegramConfig config = BotRig.testConfig(telegram).withMode(TelegramConfig.Mode.WEBHOOK, Optional.of(SECRET));
        var first = new TelegramAdapters(config, BotRig.STYLES, Pacer.system());
        var second = new TelegramAdapters(config, BotRig.STYLES, Pacer.system());
        core = Kisscam.builder()
                .mediaStore(new InMemoryMediaStore()).jobStore(new InMemoryJobStore())
                .consentStore(new InMemoryConsentStore()).quota(new InMemoryQuota(BotRig.QUOTA, Duration.ofDays(1)))
                .peopleDetector(detector).videoGenerator(generator).delivery(first.delivery())
                .earlierVideos(new InMemoryEarlierVideos(100))
                .settings(KisscamSettings.defaults().withMaxResubmissions(0))
                .clock(Clock.systemUTC())
                .build();
        core.start();
        open.add(core);
        var ports = new CorePorts(core.intake(), core.control(), core.usage(), core.consent());
        List<URI> webhooks = new ArrayList<>();
        for (var instance : List.of(first, second)) {
            open.add(instance);
            TelegramUpdates updates = instance == first ? instance.updates(ports, order, albumsOfFirst, keptOfFirst)
                    : instance.updates(secondsCore == null ? ports : secondsCore, order, albumsOfSecond, keptOfSecond);
            updates.start();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/telegram", updates.webhookHandler());
            server.start();
            open.add(() -> server.stop(0));
            webhooks.add(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/telegram"));
        }
        return webhooks;
    }

    /** One item of an album, POSTed to one instance's webhook as Telegram would. */
    private int postItem(URI webhook, FakeBotApi.User user, byte[] photo, String mediaGroupId) throws Exception {
        return post(webhook, telegram.photoUpdateJson(user, photo, mediaGroupId));
    }

    private int post(URI webhook, String update) throws Exception {
        var request = HttpRequest.newBuilder(webhook).POST(HttpRequest.BodyPublishers.ofString(update))
                .header("Content-Type", "application/json").header(WebhookHandler.SECRET_HEADER, SECRET).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
