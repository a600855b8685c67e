package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import dev.kisscam.app.testing.SharedServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two packaged bots sharing PostgreSQL, Redis and S3 (see {@link SharedServices}). In webhook mode they stand
 * behind a round-robin forwarder, as behind deploy/nginx-kisscam.conf, with Telegram's webhook calls relayed from
 * the fake Bot API; in polling mode one polls and the other waits for the lead.
 */
class SeveralInstancesIT extends WithRig {
    private static final String SECRET = "several-instances_0123456789";
    private static final String WEBHOOK_PATH = "/telegram/webhook";
    private static final int USERS = 200;
    private static final int SLOTS = 40;
    /** KisscamSettings' job lease: how long a dead instance's jobs stay its own. */
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    /** A Redis database no other test uses (PollingLeadTest has 11, the benchmark 15). */
    private static final int REDIS_DATABASE = 14;

    private SharedServices shared;
    private RoundRobinForwarder forwarder;
    private WebhookRelay relay;

    @AfterEach
    void stopShared() throws Exception {
        if (relay != null) {
            relay.close();
        }
        if (forwarder != null) {
            forwarder.close();
        }
        if (rig != null) {
            rig.close();
            rig = null;
        }
        if (shared != null) {
            shared.close();
        }
    }

    private Map<String, String> env(String name, String... overrides) {
        var env = new HashMap<>(rig.env(overrides));
        env.putAll(shared.env());
        env.put("STORAGE_PATH", directory.resolve(name).toString());
        return env;
    }

    private List<BotProcess> behindForwarder(String... overrides) throws Exception {
        var settings = new ArrayList<>(List.of("TELEGRAM_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.org" + WEBHOOK_PATH, "TELEGRAM_WEBHOOK_SECRET", SECRET));
        settings.addAll(List.of(overrides));
        String[] all = settings.toArray(String[]::new);
        BotProcess first = rig.startBot(env("first", all));
        BotProcess second = rig.startBot(env("second", all));
        int firstPort = first.awaitRunning(Rig.WAIT);
        int secondPort = second.awaitRunning(Rig.WAIT);
        forwarder = new RoundRobinForwarder(List.of(firstPort, secondPort));
        relay = new WebhookRelay(rig.telegram, forwarder.url(WEBHOOK_PATH), SECRET);
        return List.of(first, second);
    }

    @Test
    void two_hundred_users_at_once_one_instance_killed_mid_burst_every_user_gets_one_video_paid_once() throws Exception {
        rig(Duration.ofSeconds(8));
        shared = new SharedServices(REDIS_DATABASE);
        List<BotProcess> bots = behindForwarder("MAX_CONCURRENT_GENERATIONS", String.valueOf(SLOTS),
                "GROK_POLL_INTERVAL", "1");
        BotProcess doomed = bots.get(0);
        BotProcess survivor = bots.get(1);
        List<FakeBotApi.User> users = IntStream.range(0, USERS).mapToObj(i -> new FakeBotApi.User(20_000 + i, "en")).toList();
        byte[] photo = ScenePhotos.jpeg(2, 640, 480);
        shared.consented(users.stream().map(FakeBotApi.User::id).toList());
        Instant burst = Instant.now();
        users.forEach(user -> rig.telegram.sendPhoto(user, photo));
        // Every job saved, the first generations with the provider, and none between submitting and its ticket
        // or being delivered: those two steps are not repeated after a crash by design, and would not be here.
        String doomedJobs = "lease_owner LIKE '%:pid" + doomed.pid() + "' AND finished = 0";
        awaitCondition(() -> shared.count("SELECT count(*) FROM jobs") == USERS
                && rig.xai.submissions() >= SLOTS
                && shared.count("SELECT count(*) FROM jobs WHERE finished = 0 AND work IN ('INTERRUPTED_SUBMISSION', 'DELIVERY')") == 0
                && shared.count("SELECT count(*) FROM jobs WHERE work = 'GENERATION' AND " + doomedJobs) > 0, PATIENCE);
        long orphans = shared.count("SELECT count(*) FROM jobs WHERE " + doomedJobs);
        int submittedBeforeKill = rig.xai.submissions();
        doomed.kill();
        Instant killed = Instant.now();

        awaitCondition(() -> shared.count("SELECT count(*) FROM jobs WHERE " + doomedJobs) == 0, PATIENCE);
        Duration takeover = Duration.between(killed, Instant.now());
        List<BotApiCall> videos = rig.telegram.awaitCalls("sendVideo", USERS, PATIENCE);
        Duration all = Duration.between(burst, Instant.now());
        System.out.printf("several instances: %d users; instance killed after %d submissions holding %d jobs; "
                        + "the survivor held them all %.1f s after the kill (lease %d s); all videos %.1f s after the burst%n",
                USERS, submittedBeforeKill, orphans, takeover.toMillis() / 1000.0, LEASE.toSeconds(), all.toMillis() / 1000.0);

        Map<Long, Long> videosPerChat = videos.stream().collect(Collectors.groupingBy(BotApiCall::chatId, Collectors.counting()));
        assertThat(videosPerChat).hasSize(USERS).allSatisfy((chat, count) -> assertThat(count).as("videos to " + chat).isEqualTo(1));
        assertThat(rig.xai.submissions()).as("one paid submission per video").isEqualTo(USERS);
        assertThat(orphans).as("jobs the killed instance held").isPositive();
        assertThat(takeover).as("taken over within the lease, give or take a round").isLessThan(LEASE.plusSeconds(10));
        assertThat(survivor.output()).contains("polling it again, never submitting it again");
        assertThat(forwarder.served(0)).as("updates the first instance answered").isPositive();
        assertThat(forwarder.served(1)).as("updates the second instance answered").isPositive();
        assertThat(relay.undelivered()).isZero();
        awaitCondition(() -> shared.count("SELECT count(*) FROM jobs WHERE finished = 0") == 0, Rig.WAIT);
        assertThat(rig.telegram.calls("sendVideo")).as("no video twice, every job over").hasSize(USERS);
    }

    @Test
    void an_album_whose_photos_reach_both_instances_is_one_job_with_both_photos() throws Exception {
        rig(Duration.ofMillis(300));
        shared = new SharedServices(REDIS_DATABASE);
        behindForwarder();
        var user = new FakeBotApi.User(31_001, "en");
        shared.consented(List.of(user.id()));
        long firstBefore = forwarder.served(0);
        long secondBefore = forwarder.served(1);

        rig.telegram.sendAlbumPhoto(user, ScenePhotos.jpeg(1, 600, 800), "split-album");
        rig.telegram.sendAlbumPhoto(user, ScenePhotos.jpeg(1, 620, 800), "split-album");
        rig.awaitVideo(user);

        assertThat(forwarder.served(0) - firstBefore).as("album photos the first instance answered").isEqualTo(1);
        assertThat(forwarder.served(1) - secondBefore).as("album photos the second instance answered").isEqualTo(1);
        assertThat(rig.xai.submissions()).as("one job").isEqualTo(1);
        String request = rig.xai.submittedRequestIds().getFirst();
        assertThat(rig.xai.submittedBody(request).orElseThrow().path("reference_images").size())
                .as("both photos, as reference images").isEqualTo(2);
        assertThat(rig.telegram.calls("sendVideo")).hasSize(1);
    }

    @Test
    void a_new_users_photo_and_consent_reaching_different_instances_make_one_video() throws Exception {
        rig(Duration.ofMillis(300));
        shared = new SharedServices(REDIS_DATABASE);
        behindForwarder();
        var user = new FakeBotApi.User(32_001, "en");
        long firstBefore = forwarder.served(0);
        long secondBefore = forwarder.served(1);

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        rig.awaitVideo(user);

        assertThat(forwarder.served(0) - firstBefore).as("the photo or the press to the first instance").isEqualTo(1);
        assertThat(forwarder.served(1) - secondBefore).as("the other to the second instance").isEqualTo(1);
        assertThat(rig.xai.submissions()).isEqualTo(1);
        assertThat(rig.telegram.chat(user)).as("never asked for the photo again")
                .noneMatch(call -> call.text().contains("Now send me a photo"));
    }

    @Test
    void the_quota_holds_whichever_instance_answers() throws Exception {
        rig(Duration.ofMillis(300));
        shared = new SharedServices(REDIS_DATABASE);
        behindForwarder("RATE_LIMIT_REQUESTS", "1");
        var user = new FakeBotApi.User(30_001, "en");

        shared.consented(List.of(user.id()));
        rig.telegram.sendPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        rig.awaitVideo(user);
        long before = forwarder.served(0);
        rig.telegram.sendPhoto(user, ScenePhotos.jpeg(2, 820, 600));
        awaitCondition(() -> refusals(user) == 1, Rig.WAIT);
        long secondPhotoToFirst = forwarder.served(0) - before;
        rig.telegram.sendPhoto(user, ScenePhotos.jpeg(2, 840, 600));
        awaitCondition(() -> refusals(user) == 2, Rig.WAIT);
        long thirdPhotoToFirst = forwarder.served(0) - before - secondPhotoToFirst;

        assertThat(secondPhotoToFirst + thirdPhotoToFirst).as("one photo to each instance").isEqualTo(1);
        assertThat(rig.xai.submissions()).isEqualTo(1);
        assertThat(rig.telegram.calls("sendVideo")).hasSize(1);
    }

    @Test
    void in_polling_mode_the_second_instance_waits_for_the_lead_and_takes_it_when_the_poller_dies() throws Exception {
        rig(Duration.ofMillis(300));
        shared = new SharedServices(REDIS_DATABASE);
        BotProcess first = rig.startBot(env("first"));
        first.awaitRunning(Rig.WAIT);
        awaitCondition(() -> first.output().contains("taking updates by long polling"), Rig.WAIT);
        BotProcess second = rig.startBot(env("second"));
        second.awaitRunning(Rig.WAIT);
        var user = new FakeBotApi.User(30_002, "en");

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        rig.awaitVideo(user);
        assertThat(second.output()).doesNotContain("taking updates by long polling").doesNotContain("Conflict");
        first.kill();
        Instant killed = Instant.now();
        awaitCondition(() -> second.output().contains("taking updates by long polling"), Duration.ofSeconds(40));
        System.out.printf("polling lead taken over %.1f s after the poller was killed%n",
                Duration.between(killed, Instant.now()).toMillis() / 1000.0);

        rig.telegram.sendText(user, "/stats");
        rig.telegram.await(c -> c.visible() && c.chatId() == user.id() && c.at().isAfter(killed), Rig.WAIT);
    }

    @Test
    void a_frontend_takes_the_updates_and_a_worker_without_a_webhook_route_runs_the_job() throws Exception {
        rig(Duration.ofMillis(300));
        shared = new SharedServices(REDIS_DATABASE);
        String[] webhook = {"TELEGRAM_MODE", "webhook", "TELEGRAM_WEBHOOK_URL", "https://bot.example.org" + WEBHOOK_PATH,
                "TELEGRAM_WEBHOOK_SECRET", SECRET};
        BotProcess frontend = BotProcess.start(directory, env("frontend", webhook), "bot", "--role=frontend");
        BotProcess worker = BotProcess.start(directory, env("worker", webhook), "bot", "--role=worker");
        int frontendPort = frontend.awaitRunning(Rig.WAIT);
        int workerPort = worker.awaitRunning(Rig.WAIT);
        try (frontend; worker) {
            forwarder = new RoundRobinForwarder(List.of(frontendPort));
            relay = new WebhookRelay(rig.telegram, forwarder.url(WEBHOOK_PATH), SECRET);
            var user = new FakeBotApi.User(30_003, "en");

            rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
            rig.awaitVideo(user);

            BotProcess.awaitMetrics(workerPort, "kisscam_jobs_finished_total{outcome=\"delivered\"} 1.0", Rig.WAIT);
            assertThat(BotProcess.get(frontendPort, "/metrics").body())
                    .doesNotContain("kisscam_jobs_finished_total{outcome=\"delivered\"} 1.0");
            assertThat(BotProcess.get(workerPort, "/health").statusCode()).isEqualTo(200);
            assertThat(post(workerPort, rig.telegram.textUpdateJson(user, "/start"))).as("no webhook route on a worker")
                    .isEqualTo(404);
            assertThat(frontend.output()).contains("role frontend").contains("taking updates at " + WEBHOOK_PATH);
            assertThat(worker.output()).contains("role worker").doesNotContain("taking updates");
            assertThat(rig.telegram.calls("setWebhook")).as("only the frontend registers the webhook").hasSize(1);
        }
    }

    private static int post(int port, String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + WEBHOOK_PATH))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private long refusals(FakeBotApi.User user) {
        return rig.telegram.chat(user).stream().filter(c -> c.text().contains("You have made all 1 videos")).count();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Polls {@code condition} until it holds, failing after {@code timeout}. */
    private static void awaitCondition(Condition condition, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
