package dev.kisscam.adapter.redis.testing;

import dev.kisscam.adapter.redis.RedisConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import redis.embedded.RedisServer;

/**
 * The Redis the tests run against: the one at {@code KISSCAM_TEST_REDIS_URL} (default {@value #DEFAULT_URL}, which
 * development machines and CI run), else an embedded server started once for the whole run, else none: the tests
 * are then skipped with one line saying why, except in CI ({@code CI=true}), where they must run and fail instead.
 * Each test gets a key prefix of its own, or a database, and deletes its keys afterwards. Published in this module's
 * test-jar for kisscam-app's tests.
 */
public final class TestRedis {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    private static RedisConfig server;
    private static String unavailable;

    private TestRedis() {
    }

    /** A configuration for one test: the test server under a fresh key prefix. */
    public static RedisConfig forTest() {
        RedisConfig base = found();
        return base.withKeyPrefix("kisscam-test:" + UUID.randomUUID() + ":");
    }

    /** A plain client of the test server, to look at what the adapter left there. */
    public static RedissonClient client(RedisConfig config) {
        var settings = new Config();
        settings.useSingleServer().setAddress(config.address()).setDatabase(config.database())
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(2)
                .setSubscriptionConnectionMinimumIdleSize(0);
        config.password().ifPresent(settings::setPassword);
        return Redisson.create(settings);
    }

    /** The test server as found: its address and database, no key prefix of a test's own. */
    public static RedisConfig server() {
        return found();
    }

    /**
     * Deletes every key under {@code prefix}, those Redisson names {@code {prefix...}:suffix} (a hash tag, so that
     * one structure's keys stay on one cluster node) among them.
     */
    public static void deleteKeys(RedissonClient client, String prefix) {
        client.getKeys().deleteByPattern(prefix + "*");
        client.getKeys().deleteByPattern("{" + prefix + "*");
    }

    private static synchronized RedisConfig found() {
        if (server == null && unavailable == null) {
            find();
        }
        if (server == null) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("CI must run the Redis tests: " + unavailable);
            }
            Assumptions.abort("Redis tests skipped: " + unavailable);
        }
        return server;
    }

    private static void find() {
        String url = System.getenv().getOrDefault("KISSCAM_TEST_REDIS_URL", DEFAULT_URL);
        RedisConfig configured = RedisConfig.fromUrl(url);
        if (answers(configured)) {
            server = configured;
            return;
        }
        try {
            int port = freePort();
            var embedded = new RedisServer(port);
            embedded.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.stop();
                } catch (IOException e) {
                    // The run is ending; the server's process ends with it.
                }
            }));
            server = RedisConfig.of("127.0.0.1", port, 0, java.util.Optional.empty());
        } catch (IOException | RuntimeException e) {
            unavailable = "no Redis answers at " + configured.describe() + " (KISSCAM_TEST_REDIS_URL) and an embedded one"
                    + " could not start (" + e.getMessage() + ")";
        }
    }

    /** Whether something at the address speaks Redis: PING answered with +PONG, or with a demand for a password. */
    private static boolean answers(RedisConfig config) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(config.host(), config.port()), 1_000);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            String text = new String(answer, StandardCharsets.US_ASCII);
            return text.startsWith("+PONG") || text.startsWith("-NOAU");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
