package dev.kisscam.adapter.redis;

import dev.kisscam.adapter.redis.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.redisson.api.RedissonClient;

/**
 * Instances of the bot as far as Redis sees them, for one test at a time: each {@link #instance()} has a client of
 * its own, all under the test's own key prefix. After the test every instance is closed and every key under the
 * prefix deleted.
 */
final class RedisInstances implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<RedisConfig> adjust;
    private final List<AutoCloseable> open = new ArrayList<>();
    private RedisConfig config;
    private RedissonClient observer;

    RedisInstances() {
        this(UnaryOperator.identity());
    }

    RedisInstances(UnaryOperator<RedisConfig> adjust) {
        this.adjust = adjust;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        config = adjust.apply(TestRedis.forTest());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        open.clear();
        try {
            forgetEverything();
        } finally {
            observer().shutdown();
            observer = null;
        }
    }

    /** Deletes every key the test's instances made. */
    void forgetEverything() {
        TestRedis.deleteKeys(observer(), config.keyPrefix());
    }

    RedisConfig config() {
        return config;
    }

    /** Another instance: its own connection to the test's Redis. */
    RedisAdapters instance() {
        return closeLater(RedisAdapters.create(config));
    }

    <T extends AutoCloseable> T closeLater(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** A client of the test's own, to look at the keys the instances leave. */
    RedissonClient observer() {
        if (observer == null) {
            observer = TestRedis.client(config);
        }
        return observer;
    }
}
