package dev.kisscam.adapter.telegram;

import static dev.kisscam.adapter.telegram.BotRig.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.in.RestyleOutcome;
import dev.kisscam.core.port.in.Usage;
import dev.kisscam.core.port.in.UsageReport;
import dev.kisscam.core.testing.TestImages;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** Rate limits, server errors, dead networks, slow chats and failing updates do not stop the bot. */
class ResilienceTest {

    @Test
    void a_429_is_retried_after_its_retry_after_and_the_answer_arrives() throws Exception {
        try (BotRig bot = BotRig.longPolling()) {
            var user = new FakeBotApi.User(401, "en");
            bot.telegram.rateLimitNext("sendMessage", 1, 1);

            bot.telegram.sendText(user, "/help");

            assertThat(bot.telegram.awaitCalls("sendMessage", 2, WAIT)).hasSize(2)
                    .allMatch(c -> c.text().contains("Send one photo with two people"));
        }
    }

    @Test
    void a_server_error_is_retried() throws Exception {
        try (BotRig bot = BotRig.longPolling()) {
            var user = new FakeBotApi.User(402, "en");
            bot.telegram.failNext("sendMessage", 2);

            bot.telegram.sendText(user, "/start");

            assertThat(bot.telegram.awaitCalls("sendMessage", 3, WAIT)).hasSize(3)
                    .allMatch(c -> c.text().contains("I turn a photo"));
        }
    }

    @Test
    void an_unreachable_bot_api_fails_at_once_with_its_cause_and_a_message_that_hides_the_token() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var config = TelegramConfig.longPolling(FakeBotApi.TOKEN)
                .withApiUrl(URI.create("http://127.0.0.1:" + closedPort))
                .withRetries(2, java.time.Duration.ofMillis(1));
        try (var telegram = new TelegramAdapters(config, BotRig.STYLES, Pacer.system())) {
            var core = new UnreachedCore();
            var updates = telegram.updates(new CorePorts(core, core, core, core));
            // At start one question says it all: the retries are for a bot that already runs.
            assertThatThrownBy(updates::start)
                    .isInstanceOfSatisfying(TelegramCallException.class, e -> {
                        assertThat(e.unreachable()).isTrue();
                        assertThat(e.errorCode()).isZero();
                    })
                    .hasMessage("getMe got no answer: ConnectException: Connection refused")
                    .satisfies(ApiOnFake::assertNoToken);
        }
    }

    @Test
    void a_token_telegram_does_not_know_is_refused_at_start_with_401_after_one_question() throws Exception {
        try (var api = FakeBotApi.start()) {
            var config = TelegramConfig.longPolling("1234:not-this-bots-token")
                    .withApiUrl(api.baseUrl())
                    .withRetries(3, java.time.Duration.ofMillis(1));
            try (var telegram = new TelegramAdapters(config, BotRig.STYLES, Pacer.system())) {
                var core = new UnreachedCore();
                var updates = telegram.updates(new CorePorts(core, core, core, core));
                assertThatThrownBy(updates::start)
                        .isInstanceOfSatisfying(TelegramCallException.class, e -> {
                            assertThat(e.errorCode()).isEqualTo(401);
                            assertThat(e.method()).isEqualTo("getMe");
                        })
                        .hasMessageNotContaining("not-this-bots-token");
                assertThat(api.unauthorizedRequests()).isEqualTo(1);
            }
        }
    }

    @Test
    void a_slow_chat_does_not_delay_another() throws Exception {
        try (BotRig bot = BotRig.longPolling()) {
            var slow = new FakeBotApi.User(403, "en");
            var quick = new FakeBotApi.User(404, "ru");
            bot.consented(slow);
            byte[] photo = TestImages.jpeg(640, 480, 40);
            bot.detector.sees(photo, 2);
            bot.telegram.holdDownloads();
            try {
                bot.telegram.sendPhoto(slow, photo);
                bot.telegram.await(c -> c.method().equals("download"), WAIT);

                bot.telegram.sendText(quick, "/help");

                bot.telegram.awaitText(quick, "Пришлите одно фото", WAIT);
                assertThat(bot.telegram.calls("sendVideo")).as("the slow chat is still held").isEmpty();
            } finally {
                bot.telegram.releaseDownloads();
            }
            bot.telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == slow.id(), WAIT);
        }
    }

    @Test
    void an_update_that_fails_neither_stops_its_chat_nor_others() throws Exception {
        try (var lanes = new ChatLanes()) {
            BlockingQueue<String> done = new ArrayBlockingQueue<>(10);
            lanes.run(1, () -> {
                throw new IllegalStateException("a broken update");
            });
            lanes.run(1, () -> done.add("chat 1, next update"));
            lanes.run(2, () -> done.add("chat 2"));
            assertThat(done.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(done.poll(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void an_error_from_an_update_is_logged_and_its_chat_goes_on() throws Exception {
        // Point 9 of the reliability issue: an OutOfMemoryError used to vanish into the lane's future unlogged.
        try (var log = CapturedLog.of(ChatLanes.class); var lanes = new ChatLanes()) {
            BlockingQueue<String> done = new ArrayBlockingQueue<>(10);
            lanes.run(3, () -> {
                throw new OutOfMemoryError("an update too large for the heap");
            });
            lanes.run(3, () -> done.add("chat 3, next update"));

            assertThat(done.poll(10, TimeUnit.SECONDS)).isEqualTo("chat 3, next update");
            assertThat(log.thrown(Level.SEVERE, OutOfMemoryError.class)).singleElement()
                    .satisfies(r -> assertThat(r.getMessage()).contains("chat 3"));
        }
    }

    @Test
    void an_update_that_ends_in_an_interruption_is_logged_and_the_interruption_kept() {
        try (var log = CapturedLog.of(ChatLanes.class)) {
            ChatLanes.runSafely(4, () -> sneakyThrow(new InterruptedException("stopping")));

            assertThat(Thread.interrupted()).as("the interruption is still on the thread").isTrue();
            assertThat(log.thrown(Level.SEVERE, InterruptedException.class)).hasSize(1);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void one_chats_updates_run_in_order_while_another_chat_runs_meanwhile() throws Exception {
        try (var lanes = new ChatLanes()) {
            var firstStarted = new CountDownLatch(1);
            var releaseFirst = new CountDownLatch(1);
            BlockingQueue<String> order = new ArrayBlockingQueue<>(10);
            lanes.run(7, () -> {
                firstStarted.countDown();
                await(releaseFirst);
                order.add("7a");
            });
            lanes.run(7, () -> order.add("7b"));
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            lanes.run(8, () -> order.add("8"));

            assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("8");
            releaseFirst.countDown();
            assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("7a");
            assertThat(order.poll(10, TimeUnit.SECONDS)).isEqualTo("7b");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A core the test must never reach: the bot fails before any update comes. */
    static final class UnreachedCore implements PhotoIntake, JobControl, Usage, Consent {
        @Override
        public IntakeOutcome submit(Requester requester, List<IncomingPhoto> photos, Direction direction) {
            throw new AssertionError("not reached");
        }

        @Override
        public RestyleOutcome restyle(RequesterId requester, JobId job, VideoStyle style) {
            throw new AssertionError("not reached");
        }

        @Override
        public IntakeOutcome anotherTake(Requester requester, JobId deliveredJob, Optional<VideoStyle> style) {
            throw new AssertionError("not reached");
        }

        @Override
        public CancelOutcome cancel(RequesterId requester) {
            throw new AssertionError("not reached");
        }

        @Override
        public CancelOutcome cancel(RequesterId requester, JobId job) {
            throw new AssertionError("not reached");
        }

        @Override
        public IntakeOutcome retry(Requester requester, JobId failedJob) {
            throw new AssertionError("not reached");
        }

        @Override
        public UsageReport usage(RequesterId requester) {
            throw new AssertionError("not reached");
        }

        @Override
        public boolean hasConsented(RequesterId requester) {
            throw new AssertionError("not reached");
        }

        @Override
        public void giveConsent(RequesterId requester) {
            throw new AssertionError("not reached");
        }
    }
}
