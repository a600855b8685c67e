package dev.kisscam.adapter.redis;

import dev.kisscam.core.port.out.GenerationSlots;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.client.RedisException;

/**
 * The Redis adapter's front door: what several instances of the bot share beyond their database. Generation
 * slots (the provider account's concurrency), rates of the provider account, the lead of the one instance that
 * polls Telegram, people counts by photo digest, and behind one webhook the albums being gathered, the photos kept
 * until they may go on and each chat's order of updates. Connects on first use, never when made; close it when
 * the program stops.
 */
public final class RedisAdapters implements AutoCloseable {
    private final Connection redis;

    private RedisAdapters(RedisConfig config) {
        this.redis = new Connection(config);
    }

    public static RedisAdapters create(RedisConfig config) {
        return new RedisAdapters(config);
    }

    public RedisConfig config() {
        return redis.config();
    }

    /** {@code size} generation slots, shared by every instance with the same key prefix. */
    public GenerationSlots generationSlots(int size) {
        return new RedisGenerationSlots(redis, redis.key("generation-slots"), size);
    }

    /** At most {@code permits} per {@code period} for the rate called {@code name}, across every instance. */
    public RedisRate rate(String name, int permits, Duration period) {
        return new RedisRate(redis, redis.key("rate:" + name), permits, period);
    }

    /** The lead called {@code name}, held for the configured lease while this process lives. */
    public RedisLeadership leadership(String name) {
        return new RedisLeadership(redis, redis.key("lead:" + name), redis.config().leaderLease());
    }

    /** People counts by photo digest, each kept for {@code window}. */
    public RedisPeopleCounts peopleCounts(Duration window) {
        return new RedisPeopleCounts(redis, window);
    }

    /** The albums being gathered, shared by every instance: each complete album is taken by one of them. */
    public RedisAlbums albums() {
        return new RedisAlbums(redis);
    }

    /** Photos that cannot go on yet, shared by every instance: each user's are taken by one of them. */
    public RedisKeptPhotos keptPhotos() {
        return new RedisKeptPhotos(redis);
    }

    /**
     * Each chat's updates in order across every instance; {@code handler} handles those whose turn this instance
     * holds. A chat's turn has the configured lease, as the lead has. Close it when the program stops.
     */
    public RedisChatQueues chatQueues(RedisChatQueues.Handler handler) {
        return new RedisChatQueues(redis, redis.config().leaderLease(), handler);
    }

    /**
     * Asks Redis for something trivial (how many keys its database holds), for a health check: an answer within
     * {@code within}, or none.
     *
     * @throws RedisUnavailable when it does not answer in time
     */
    public long ping(Duration within) {
        return redis.call("answering", client -> {
            try {
                return client.getKeys().countAsync().toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisException("interrupted");
            } catch (ExecutionException | TimeoutException e) {
                throw new RedisException("no answer within " + within.toMillis() + " ms: " + e.getMessage());
            }
        });
    }

    /** Disconnects: slots and a lead still held run out with their leases. */
    @Override
    public void close() {
        redis.close();
    }

    @Override
    public String toString() {
        return "RedisAdapters[" + redis.config().describe() + "]";
    }
}
