package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.ScenePhotos;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged bot with its records in PostgreSQL (DATABASE_URL), in a schema of this test's own: killed
 * mid-generation and started again, it delivers, and the provider saw one submission. The server is the one
 * KISSCAM_TEST_DATABASE_URL names (required then, as in CI), else the local default; skipped, saying why,
 * where none answers.
 */
class PostgresqlIT extends WithRig {
    private static final String DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test";

    private final Optional<String> named = Optional.ofNullable(System.getenv("KISSCAM_TEST_DATABASE_URL"))
            .filter(url -> !url.isBlank());
    private final String server = named.orElse(DEFAULT_SERVER);
    private final String schema = "kisscam_it_" + UUID.randomUUID().toString().replace("-", "");

    @BeforeEach
    void createSchema() {
        try {
            execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (named.isPresent()) {
                throw new IllegalStateException("KISSCAM_TEST_DATABASE_URL does not answer: " + e.getMessage(), e);
            }
            Assumptions.abort("no PostgreSQL at " + DEFAULT_SERVER + " (" + e.getMessage() + "); set KISSCAM_TEST_DATABASE_URL");
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    @Test
    void killed_mid_generation_it_delivers_after_restart_and_the_provider_saw_one_submission() throws Exception {
        rig(Duration.ofSeconds(6));
        Map<String, String> env = rig.env("DATABASE_URL", server + (server.contains("?") ? "&" : "?")
                + "currentSchema=" + schema);
        BotProcess first = rig.startBot(env);
        first.awaitRunning(Rig.WAIT);
        assertThat(first.output()).contains("jobs and the other records are in postgresql://");
        var user = new FakeBotApi.User(851, "en");

        rig.sendFirstPhoto(user, ScenePhotos.jpeg(2, 800, 600));
        assertThat(rig.xai.awaitPolls(1, Rig.WAIT)).as("the ticket is saved and being polled").isTrue();
        first.kill();

        BotProcess second = rig.startBot(env);
        second.awaitRunning(Rig.WAIT);
        rig.awaitVideo(user);
        assertThat(rig.xai.submissions()).as("polled again, not submitted again").isEqualTo(1);
        assertThat(directory.resolve("storage").resolve("kisscam.db")).as("no SQLite beside it").doesNotExist();
    }

    private void execute(String sql) throws SQLException {
        SqlConfig config = SqlConfig.of(server);
        try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), config.user().orElse(null),
                config.password().orElse(null)); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
