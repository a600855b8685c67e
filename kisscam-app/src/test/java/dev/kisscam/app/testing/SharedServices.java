package dev.kisscam.app.testing;

import dev.kisscam.adapter.redis.RedisConfig;
import dev.kisscam.adapter.redis.testing.TestRedis;
import dev.kisscam.adapter.sql.SqlConfig;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.junit.jupiter.api.Assumptions;
import org.redisson.api.RedissonClient;

/**
 * What several instances share, for one test: a PostgreSQL schema of its own (on KISSCAM_TEST_DATABASE_URL, or
 * the local default), a Redis database of its own emptied of the program's keys before and after (on
 * KISSCAM_TEST_REDIS_URL, or the local default), and S3 as S3Proxy in this JVM. Without PostgreSQL the test is
 * skipped saying why, unless KISSCAM_TEST_DATABASE_URL names one, as in CI; Redis does the same through TestRedis.
 */
public final class SharedServices implements AutoCloseable {
    private static final String DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/test";
    private static final String S3_ACCESS_KEY = "kisscam-it-access";
    private static final String S3_SECRET_KEY = "kisscam-it-secret-key";

    private final String server;
    private final String schema = "kisscam_it_" + UUID.randomUUID().toString().replace("-", "");
    private final RedisConfig redis;
    private final S3Proxy s3;

    /** @param redisDatabase a Redis database number no other test uses at the same time */
    public SharedServices(int redisDatabase) throws Exception {
        Optional<String> named = Optional.ofNullable(System.getenv("KISSCAM_TEST_DATABASE_URL")).filter(u -> !u.isBlank());
        server = named.orElse(DEFAULT_DATABASE);
        try {
            execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            if (named.isPresent()) {
                throw new IllegalStateException("KISSCAM_TEST_DATABASE_URL does not answer: " + e.getMessage(), e);
            }
            Assumptions.abort("no PostgreSQL at " + DEFAULT_DATABASE + " (" + e.getMessage() + "); set KISSCAM_TEST_DATABASE_URL");
        }
        RedisConfig found = TestRedis.server();
        redis = RedisConfig.of(found.host(), found.port(), redisDatabase, found.password());
        deleteRedisKeys();
        s3 = S3Proxy.builder().blobStore(BlobStores.create("transient", new Properties()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3_ACCESS_KEY, S3_SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        s3.start();
    }

    /** The environment that makes an instance share records, limits and media with the others. */
    public Map<String, String> env() {
        var env = new HashMap<String, String>();
        env.put("DATABASE_URL", server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        env.put("REDIS_HOST", redis.host());
        env.put("REDIS_PORT", String.valueOf(redis.port()));
        env.put("REDIS_DB", String.valueOf(redis.database()));
        redis.password().ifPresent(password -> env.put("REDIS_PASSWORD", password));
        env.put("STORAGE_BACKEND", "s3");
        env.put("S3_ENDPOINT", "http://127.0.0.1:" + s3.getPort());
        env.put("S3_BUCKET", "kisscam-it");
        env.put("S3_ACCESS_KEY", S3_ACCESS_KEY);
        env.put("S3_SECRET_KEY", S3_SECRET_KEY);
        return env;
    }

    /**
     * Records that these Telegram users consented before, as the bot does when they confirm. A photo that waits
     * for its sender's consent is kept by the instance that received it, so in these tests every user has
     * consented already and each photo is a job whichever instance gets the confirmation.
     */
    public void consented(List<Long> telegramUsers) throws SQLException {
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000_000L;
        try (Connection connection = connect(); var statement = connection.prepareStatement(
                "INSERT INTO " + schema + ".consents (requester, consented_at) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            for (long user : telegramUsers) {
                statement.setString(1, "telegram:" + user);
                statement.setLong(2, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** One number from the shared database, such as a count of jobs in some state. */
    public long count(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            try (var rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        SqlConfig config = SqlConfig.of(server);
        return DriverManager.getConnection(config.jdbcUrl(), config.user().orElse(null), config.password().orElse(null));
    }

    private void deleteRedisKeys() {
        RedissonClient client = TestRedis.client(redis);
        try {
            TestRedis.deleteKeys(client, RedisConfig.DEFAULT_KEY_PREFIX);
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            s3.stop();
            deleteRedisKeys();
        } finally {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
