package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import dev.kisscam.app.testing.SharedServices;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged bot with its records in PostgreSQL (DATABASE_URL), in a schema of this test's own, and its media
 * in S3 as a shared database requires: killed mid-generation and started again, it delivers, and the provider
 * saw one submission. The server is the one KISSCAM_TEST_DATABASE_URL names (required then, as in CI), else the
 * local default; skipped, saying why, where none answers.
 */
class PostgresqlIT extends WithRig {
    /** A Redis database of this test's own, though the bot here is given no Redis (see SharedServices). */
    private static final int REDIS_DATABASE = 13;

    private SharedServices shared;

    @BeforeEach
    void createSchema() throws Exception {
        shared = new SharedServices(REDIS_DATABASE);
    }

    @AfterEach
    void dropSchema() throws Exception {
        if (rig != null) {
            rig.close();
            rig = null;
        }
        shared.close();
    }

    @Test
    void killed_mid_generation_it_delivers_after_restart_and_the_provider_saw_one_submission() throws Exception {
        rig(Duration.ofSeconds(6));
        Map<String, String> env = new HashMap<>(rig.env());
        env.putAll(shared.env());
        // The database alone: this is about records surviving a kill, not about what Redis shares.
        env.keySet().removeIf(name -> name.startsWith("REDIS_"));
        // A port of its own, the same after the restart: the instance is then the same by name and takes its
        // jobs back at once rather than after their lease.
        env.put("PORT", String.valueOf(freePort()));
        BotProcess first = rig.startBot(env);
        first.awaitRunning(Rig.WAIT);
        assertThat(first.output()).contains("jobs and the other records are in postgresql://");
        var user = new FakeBotApi.User(851, "en");

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).as("the ticket is saved and being polled").isTrue();
        first.kill();

        Instant restarted = Instant.now();
        BotProcess second = rig.startBot(env);
        second.awaitRunning(Rig.WAIT);
        rig.awaitVideo(user);
        assertThat(rig.xai.submissions()).as("polled again, not submitted again").isEqualTo(1);
        assertThat(directory.resolve("storage").resolve("kisscam.db")).as("no SQLite beside it").doesNotExist();
        assertThat(Duration.between(restarted, Instant.now())).as("its own job back at once, not after the 30 s lease")
                .isLessThan(Duration.ofSeconds(25));
    }

    private static int freePort() throws java.io.IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
