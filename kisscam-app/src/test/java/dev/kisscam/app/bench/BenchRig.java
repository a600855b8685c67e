package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.PackagedProgram;
import dev.kisscam.app.testing.SimulatedXai;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers faked on loopback, a storage directory, and one bot process over them. Limits that would
 * throttle a benchmark's load on purpose (request pacing towards xAI, the per-user quota, the repeat-photo
 * cache that would answer a repeated photo without generating) are lifted; what is left is the program's own
 * cost.
 */
final class BenchRig implements AutoCloseable {
    /** How often the bot asks xAI whether a video is done (GROK_POLL_INTERVAL); 200 ms unless set. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(Long.getLong("kisscam.bench.pollMillis", 200));
    static final Duration START_LIMIT = Duration.ofSeconds(60);

    final FakeBotApi telegram;
    final SimulatedXai xai;
    private final Path directory;
    private final Map<String, String> settings = new HashMap<>();
    private ChildBot bot;
    private final List<ChildBot> instances = new ArrayList<>();

    BenchRig(Path directory, Duration generationTime) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.telegram = FakeBotApi.start();
        this.xai = SimulatedXai.start(generationTime);
    }

    /**
     * Fails unless the fakes' servers (the JDK's HttpServer, configured once per JVM by system properties) keep
     * {@code clients} connections open between calls. By default they keep 200 idle connections and close one
     * idle for 30 s; a client that reuses a connection in the instant it is closed sees a broken pipe, and the
     * numbers would show the fakes' housekeeping instead of the bot.
     */
    static void requireServersFor(int clients) {
        if (Integer.getInteger("sun.net.httpserver.maxIdleConnections", 200) < clients
                || Long.getLong("sun.net.httpserver.idleInterval", 30) < 600) {
            throw new IllegalStateException("run with -Dsun.net.httpserver.maxIdleConnections=" + clients
                    + " -Dsun.net.httpserver.idleInterval=600, as the bench profile does");
        }
    }

    /** The environment of every measured bot. */
    private Map<String, String> env() {
        var env = new HashMap<>(PackagedProgram.botEnvironment(telegram, xai, directory));
        env.put("GROK_REQUESTS_PER_SECOND", "100000");
        env.put("GROK_SUBMITS_PER_SECOND", "100000");
        env.put("GROK_POLL_INTERVAL", String.valueOf(POLL_INTERVAL.toMillis() / 1000.0));
        env.put("REPEAT_CACHE_WINDOW", "0");
        env.put("RATE_LIMIT_REQUESTS", "1000000");
        env.put("MAX_CONCURRENT_GENERATIONS", "1000");
        env.put("LOG_LEVEL", "WARN");
        env.putAll(settings);
        return env;
    }

    /** A setting of the measured bot's own, over the rig's (before {@link #startBot}). */
    BenchRig with(String name, String value) {
        settings.put(name, value);
        return this;
    }

    /** Starts the bot with {@link #env} and returns once its /health says it is ready. */
    ChildBot startBot() throws IOException, InterruptedException {
        if (bot != null) {
            throw new IllegalStateException("one bot per rig: measurements must not share a process");
        }
        bot = ChildBot.start(directory, env());
        bot.awaitReady(START_LIMIT);
        return bot;
    }

    /**
     * Starts {@code count} bots with {@link #env}, each with a STORAGE_PATH of its own (the settings must make
     * them share a database, Redis and media), one after the other, and returns once each /health says ready.
     */
    List<ChildBot> startBots(int count) throws IOException, InterruptedException {
        if (bot != null || !instances.isEmpty()) {
            throw new IllegalStateException("one set of bots per rig: measurements must not share a process");
        }
        for (int i = 1; i <= count; i++) {
            Path own = Files.createDirectories(directory.resolve("instance-" + i));
            var env = new HashMap<>(env());
            env.put("STORAGE_PATH", own.resolve("storage").toString());
            ChildBot instance = ChildBot.start(own, env);
            instances.add(instance);
            instance.awaitReady(START_LIMIT);
        }
        return List.copyOf(instances);
    }

    @Override
    public void close() throws InterruptedException {
        if (bot != null) {
            bot.close();
        }
        for (ChildBot instance : instances) {
            instance.close();
        }
        telegram.close();
        xai.close();
    }
}
