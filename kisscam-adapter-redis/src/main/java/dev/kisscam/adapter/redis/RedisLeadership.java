package dev.kisscam.adapter.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFuture;
import org.redisson.api.RLock;

/**
 * One leader among the instances for a task only one of them may do (taking Telegram's updates by long
 * polling): a Redisson {@link RLock} whose lease Redisson's watchdog renews while this process lives. The others
 * keep asking; when the leader dies its lease runs out and one of them leads within a lease and a check. The lock
 * belongs to this object, not to a thread, so any thread may start or end the campaign. Made by
 * {@link RedisAdapters#leadership}.
 */
public final class RedisLeadership implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisLeadership.class.getName());

    private final Connection redis;
    private final String key;
    private final Duration lease;
    private final Duration checkEvery;
    /** Redisson knows a lock's holder as client and thread; this stands in for the thread. */
    private final long holder = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean leading;
    private Thread campaigner;

    RedisLeadership(Connection redis, String key, Duration lease) {
        this.redis = redis;
        this.key = key;
        this.lease = lease;
        this.checkEvery = lease.dividedBy(3);
    }

    /**
     * Tries to lead at once, on the calling thread: if it wins, {@code onElected} runs before this returns and
     * what it throws comes out here (the lead is given up first). Otherwise it keeps trying on a thread of its
     * own and runs {@code onElected} there when it wins. {@code onDeposed} runs when a lead is lost (Redis could not
     * confirm it for a whole lease); the campaign then ends, since whatever the lead had started was stopped.
     *
     * @throws RedisUnavailable when Redis does not answer the first attempt
     * @throws IllegalStateException when campaigning already
     */
    public synchronized void campaign(Runnable onElected, Runnable onDeposed) {
        if (campaigner != null) {
            throw new IllegalStateException("already campaigning for " + key);
        }
        if (tryLead()) {
            lead(onElected, true);
        }
        campaigner = Thread.ofVirtual().name("kisscam-lead-" + key).start(() -> campaignOn(onElected, onDeposed));
    }

    /** Whether this process leads now, as far as it last knew. */
    public boolean leading() {
        return leading;
    }

    private void campaignOn(Runnable onElected, Runnable onDeposed) {
        long confirmed = System.nanoTime();
        try {
            while (!closing.await(checkEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    if (!leading) {
                        if (tryLead()) {
                            confirmed = System.nanoTime();
                            lead(onElected, false);
                        }
                    } else if (held()) {
                        confirmed = System.nanoTime();
                    } else {
                        deposed(onDeposed, "another instance holds it now");
                        return;
                    }
                } catch (RedisUnavailable e) {
                    LOG.log(Level.WARNING, e.getMessage());
                    if (leading && System.nanoTime() - confirmed > lease.toNanos()) {
                        deposed(onDeposed, "Redis has not confirmed it for longer than its lease");
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        giveUp();
    }

    private void lead(Runnable onElected, boolean rethrow) {
        leading = true;
        LOG.log(Level.INFO, "this instance leads " + key);
        try {
            onElected.run();
        } catch (RuntimeException e) {
            giveUp();
            if (rethrow) {
                throw e;
            }
            LOG.log(Level.ERROR, "could not start what the lead of " + key + " does; giving the lead up: " + e.getMessage(), e);
        }
    }

    private void deposed(Runnable onDeposed, String why) {
        leading = false;
        LOG.log(Level.WARNING, "this instance lost the lead of " + key + " (" + why + ")");
        onDeposed.run();
        release(); // should the lock still be ours after all, so that Redisson stops renewing it
    }

    private boolean tryLead() {
        return redis.call("taking the lead of " + key, client -> await(client.getLock(key).tryLockAsync(holder)));
    }

    private boolean held() {
        return redis.call("confirming the lead of " + key, client -> client.getLock(key).isHeldByThread(holder));
    }

    private void giveUp() {
        if (!leading) {
            return;
        }
        leading = false;
        release();
    }

    private void release() {
        try {
            boolean held = redis.call("giving the lead of " + key + " up", client -> {
                RLock lock = client.getLock(key);
                if (!lock.isHeldByThread(holder)) {
                    return false;
                }
                await(lock.unlockAsync(holder));
                return true;
            });
            if (held) {
                LOG.log(Level.INFO, "this instance gave the lead of " + key + " up");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give the lead of " + key + " up; it runs out with its lease: " + e.getMessage());
        }
    }

    private <T> T await(RFuture<T> future) {
        return Connection.await(future, lease);
    }

    /** Stops campaigning and gives the lead up, if it is held, before this returns. */
    @Override
    public void close() {
        closing.countDown();
        Thread thread;
        synchronized (this) {
            thread = campaigner;
        }
        if (thread == null) {
            giveUp();
            return;
        }
        try {
            // Short: the program's whole stop has to fit in a service manager's patience.
            if (!thread.join(Duration.ofSeconds(2))) {
                LOG.log(Level.WARNING, "the lead of " + key + " was not given up in time; it runs out with its lease");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
