package dev.kisscam.app.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.bot.BotLifecycle;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.app.wiring.Modules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole bot, wired as {@code kisscam bot} wires it, running in the test's JVM between a fake Telegram and a
 * simulated xAI on 127.0.0.1: quicker to start than the packaged program, and its registry can be watched.
 */
public final class RunningBot implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final FakeBotApi telegram;
    public final SimulatedXai xai;
    private final BotLifecycle lifecycle;
    private final PrometheusMeterRegistry registry;

    private RunningBot(FakeBotApi telegram, SimulatedXai xai, BotLifecycle lifecycle, PrometheusMeterRegistry registry) {
        this.telegram = telegram;
        this.xai = xai;
        this.lifecycle = lifecycle;
        this.registry = registry;
    }

    /** Starts the bot with its storage under {@code directory} and {@code settings} over the test defaults. */
    public static RunningBot start(Path directory, Map<String, String> settings) throws IOException {
        FakeBotApi telegram = FakeBotApi.start();
        SimulatedXai xai = SimulatedXai.start(Duration.ofMillis(300));
        var env = new HashMap<>(PackagedProgram.botEnvironment(telegram, xai, directory));
        env.put("PORT", "0");
        env.put("GROK_POLL_INTERVAL", "0.1");
        env.put("GROK_REQUESTS_PER_SECOND", "5000");
        env.putAll(settings);
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        if (!(loaded instanceof ConfigLoader.Valid(AppConfig config))) {
            telegram.close();
            xai.close();
            throw new IllegalArgumentException("test configuration refused: " + loaded);
        }
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.bot(config));
        BotLifecycle lifecycle = injector.getInstance(BotLifecycle.class);
        var bot = new RunningBot(telegram, xai, lifecycle, injector.getInstance(PrometheusMeterRegistry.class));
        try {
            lifecycle.start();
        } catch (IOException | RuntimeException e) {
            bot.close();
            throw e;
        }
        return bot;
    }

    public int port() {
        return lifecycle.httpPort();
    }

    public int adminPort() {
        return lifecycle.adminPort();
    }

    public URI admin(String path) {
        return URI.create("http://127.0.0.1:" + adminPort() + path);
    }

    /** A user's photo of two people, through consent, to a delivered video. */
    public void deliverVideo(FakeBotApi.User user) throws InterruptedException {
        sendPhoto(user);
        telegram.await(c -> c.method().equals("sendVideo") && c.chatId() == user.id(), WAIT);
    }

    /** A user's photo of two people, through consent: a job starts. */
    public void sendPhoto(FakeBotApi.User user) throws InterruptedException {
        telegram.sendPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        BotApiCall question = telegram.await(c -> c.chatId() == user.id() && c.buttons().contains("consent"), WAIT);
        telegram.pressButton(user, question.messageId(), "consent");
    }

    /** Waits until {@code count} jobs ended with {@code outcome} ({@code delivered}, {@code failed_...}). */
    public void awaitFinished(String outcome, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (finished(outcome) < count) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("only " + finished(outcome) + " jobs " + outcome + ", expected " + count);
            }
            Thread.sleep(50);
        }
    }

    private double finished(String outcome) {
        Counter counter = registry.find("kisscam_jobs_finished").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** An admin route with the bearer token, or without one when {@code token} is null. */
    public HttpResponse<String> getAdmin(String path, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(admin(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        lifecycle.stop();
        try {
            telegram.close();
        } finally {
            xai.close();
        }
    }
}
