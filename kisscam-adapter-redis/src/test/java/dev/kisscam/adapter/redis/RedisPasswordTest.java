package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** A Redis of this test's own that asks for a password (the shared test Redis asks for none). */
class RedisPasswordTest {
    private static final String PASSWORD = "kisscam-test-password-9f2c";

    private RedisServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try {
            server = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("requirepass " + PASSWORD)
                    .build();
            server.start();
        } catch (IOException | RuntimeException e) {
            Assumptions.abort("no embedded Redis to ask for a password here: " + e.getMessage());
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void the_password_from_a_url_opens_redis_and_a_wrong_one_is_refused_without_being_shown() {
        try (var right = RedisAdapters.create(RedisConfig.fromUrl("redis://:" + PASSWORD + "@127.0.0.1:" + port + "/0"))) {
            assertThat(right.generationSlots(1).tryAcquire(Duration.ofSeconds(30))).isPresent();
        }
        try (var wrong = RedisAdapters.create(RedisConfig.of("127.0.0.1", port, 0, Optional.of("not-the-password")))) {
            assertThatThrownBy(() -> wrong.ping(Duration.ofSeconds(2))).isInstanceOf(RedisUnavailable.class)
                    .hasMessageNotContaining("not-the-password");
        }
    }
}
