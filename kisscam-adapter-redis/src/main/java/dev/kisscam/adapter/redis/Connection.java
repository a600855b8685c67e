package dev.kisscam.adapter.redis;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.redisson.Redisson;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The one Redisson client of a process, made on first use (building the program connects nowhere), and the edge
 * where Redisson's exceptions become {@link RedisUnavailable}. Small pools and few threads: a bot makes a handful
 * of Redis calls a second.
 */
final class Connection implements AutoCloseable {
    private final RedisConfig config;
    private RedissonClient client;
    private boolean closed;

    Connection(RedisConfig config) {
        this.config = config;
    }

    RedisConfig config() {
        return config;
    }

    /** Runs {@code action} on the client; Redis's failures come out as {@link RedisUnavailable}. */
    <T> T call(String what, Function<RedissonClient, T> action) {
        try {
            return action.apply(client());
        } catch (RedisException e) {
            throw new RedisUnavailable("Redis at " + config.describe() + ": " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Waits for what Redisson started, at most {@code within}; its failures, an interruption (kept on the thread) and
     * the wait running out come out as {@link RedisException}, for {@link #call} to translate.
     */
    static <T> T await(RFuture<T> future, Duration within) {
        try {
            return future.toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RedisException redis ? redis : new RedisException(e.getCause().toString(), e);
        } catch (TimeoutException e) {
            throw new RedisException("no answer within " + within.toMillis() + " ms", e);
        }
    }

    /** The key for {@code name} under this configuration's prefix. */
    String key(String name) {
        return config.keyPrefix() + name;
    }

    private synchronized RedissonClient client() {
        if (closed) {
            throw new RedisUnavailable("Redis at " + config.describe() + ": this process closed its connection", null);
        }
        if (client == null) {
            client = Redisson.create(settings(config));
        }
        return client;
    }

    private static Config settings(RedisConfig config) {
        var settings = new Config();
        settings.setCodec(StringCodec.INSTANCE);
        settings.setThreads(2);
        settings.setNettyThreads(4);
        // The lead's lock and the chats' turns are renewed by Redisson's watchdog every third of this while their
        // holder lives.
        settings.setLockWatchdogTimeout(config.leaderLease().toMillis());
        settings.useSingleServer()
                .setAddress(config.address())
                .setDatabase(config.database())
                .setConnectionPoolSize(8)
                .setConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setConnectTimeout(5_000)
                .setTimeout(3_000);
        config.username().ifPresent(settings::setUsername);
        config.password().ifPresent(settings::setPassword);
        return settings;
    }

    /**
     * Disconnects at once: whatever this process held in Redis (slots, the lead, chats' turns) runs out with its
     * lease.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.shutdown(0, 2, TimeUnit.SECONDS);
            client = null;
        }
    }
}
