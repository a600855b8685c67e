package dev.kisscam.adapter.sql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh, empty databases for tests, each dropped at {@link #close()}: SQLite files in a temporary directory, or
 * schemas of their own in the PostgreSQL that {@value #URL_VARIABLE} names (default
 * {@value #DEFAULT_URL}, running on the development and CI machines), so test classes never collide.
 */
abstract class TestDatabase implements AutoCloseable {
    static final String URL_VARIABLE = "KISSCAM_TEST_DATABASE_URL";
    static final String DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test";

    /** A new, empty database. */
    abstract SqlConfig fresh();

    @Override
    public abstract void close();

    static TestDatabase sqlite() {
        return new Sqlite();
    }

    /**
     * The PostgreSQL {@value #URL_VARIABLE} names, which must answer when it is set (CI sets it); otherwise the
     * default one, or else an embedded server started for this JVM. Where neither can be had (initdb refuses
     * to run as root), skips the calling test, saying why in one line.
     */
    static TestDatabase postgresql() {
        Optional<String> named = Optional.ofNullable(System.getenv(URL_VARIABLE)).filter(url -> !url.isBlank());
        SqlConfig server = SqlConfig.of(named.orElse(DEFAULT_URL));
        Optional<String> unreachable = Postgresql.unreachable(server);
        if (unreachable.isEmpty()) {
            return new Postgresql(server);
        }
        if (named.isPresent()) {
            throw new IllegalStateException(URL_VARIABLE + " names " + server.location() + ", which does not answer: "
                    + unreachable.get());
        }
        Optional<SqlConfig> embedded = Embedded.server();
        Assumptions.assumeTrue(embedded.isPresent(), () -> "no PostgreSQL at " + server.location() + " ("
                + unreachable.get() + ") and no embedded one (" + Embedded.failure + "); set " + URL_VARIABLE);
        return new Postgresql(embedded.orElseThrow());
    }

    /** One embedded PostgreSQL per test JVM, started when first needed and stopped with the JVM. */
    private static final class Embedded {
        private static SqlConfig started;
        private static String failure;

        static synchronized Optional<SqlConfig> server() {
            if (started == null && failure == null) {
                try {
                    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            postgres.close();
                        } catch (IOException e) {
                            // the JVM is ending; its temporary directory goes with the machine's cleanup
                        }
                    }));
                    started = SqlConfig.of("postgresql://postgres@localhost:" + postgres.getPort() + "/postgres");
                } catch (IOException | RuntimeException e) {
                    failure = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
                }
            }
            return Optional.ofNullable(started);
        }
    }

    private static final class Sqlite extends TestDatabase {
        private final Path dir;

        Sqlite() {
            try {
                dir = Files.createTempDirectory("kisscam-sql-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        SqlConfig fresh() {
            return SqlConfig.sqlite(dir.resolve(UUID.randomUUID() + "/kisscam.db"));
        }

        @Override
        public void close() {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class Postgresql extends TestDatabase {
        private final SqlConfig server;
        private final List<String> schemas = new ArrayList<>();

        Postgresql(SqlConfig server) {
            this.server = server;
        }

        static Optional<String> unreachable(SqlConfig server) {
            try {
                connect(server).close();
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of(String.valueOf(e.getMessage()));
            }
        }

        @Override
        SqlConfig fresh() {
            String schema = "kisscam_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
            execute("CREATE SCHEMA " + schema);
            schemas.add(schema);
            String url = server.jdbcUrl() + (server.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new SqlConfig(SqlConfig.Dialect.POSTGRESQL, url, server.user(), server.password(), Optional.empty(),
                    server.finishedJobRetention());
        }

        @Override
        public void close() {
            schemas.forEach(schema -> execute("DROP SCHEMA " + schema + " CASCADE"));
        }

        private void execute(String sql) {
            try (Connection connection = connect(server); var statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage(), e);
            }
        }

        private static Connection connect(SqlConfig server) throws SQLException {
            return DriverManager.getConnection(server.jdbcUrl(), server.user().orElse(null), server.password().orElse(null));
        }
    }
}
