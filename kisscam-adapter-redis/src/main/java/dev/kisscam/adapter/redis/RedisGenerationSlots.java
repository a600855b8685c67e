package dev.kisscam.adapter.redis;

import dev.kisscam.core.port.out.GenerationSlots;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.api.RPermitExpirableSemaphore;

/**
 * Generation slots every instance shares: a Redisson {@link RPermitExpirableSemaphore} whose permits carry a lease.
 * The holder renews it while its job runs; an instance that dies stops renewing, and its slots come back to the
 * others when their leases run out. The number of slots is set by each instance as it first uses them (the last
 * one to start wins, should instances disagree about MAX_CONCURRENT_GENERATIONS). While Redis does not answer, no
 * slot is free: jobs wait rather than run past the account's limit, and the counts read zero.
 */
final class RedisGenerationSlots implements GenerationSlots {
    private static final System.Logger LOG = System.getLogger(RedisGenerationSlots.class.getName());

    private final Connection redis;
    private final String key;
    private final int size;
    private final AtomicBoolean sized = new AtomicBoolean();
    private final Outage outage = new Outage("holding every generation back");

    RedisGenerationSlots(Connection redis, String key, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one generation slot");
        }
        this.redis = redis;
        this.key = key;
        this.size = size;
    }

    @Override
    public Optional<Slot> tryAcquire(Duration lease) {
        return outage.answer(() -> Optional.ofNullable(redis.call("taking a generation slot", client -> {
            RPermitExpirableSemaphore semaphore = semaphore();
            String permit = tryAcquire(semaphore, lease);
            // A Redis that restarted without its data has no slots at all: set them again rather than wait forever.
            if (permit == null && semaphore.getPermits() == 0 && semaphore.trySetPermits(size)) {
                permit = tryAcquire(semaphore, lease);
            }
            return permit;
        })).<Slot>map(HeldSlot::new), Optional::empty);
    }

    private static String tryAcquire(RPermitExpirableSemaphore semaphore, Duration lease) {
        try {
            return semaphore.tryAcquire(0, lease.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public int available() {
        return outage.answer(() -> redis.call("counting free generation slots", client -> semaphore().availablePermits()),
                () -> 0);
    }

    @Override
    public int inUse() {
        return outage.answer(() -> redis.call("counting held generation slots", client -> semaphore().acquiredPermits()),
                () -> 0);
    }

    private RPermitExpirableSemaphore semaphore() {
        RPermitExpirableSemaphore semaphore = redis.call("opening the generation slots",
                client -> client.getPermitExpirableSemaphore(key));
        if (sized.compareAndSet(false, true)) {
            try {
                semaphore.setPermits(size);
            } catch (RuntimeException e) {
                sized.set(false);
                throw e;
            }
        }
        return semaphore;
    }

    private final class HeldSlot implements Slot {
        private final String permit;
        private final AtomicBoolean held = new AtomicBoolean(true);

        HeldSlot(String permit) {
            this.permit = permit;
        }

        @Override
        public boolean renew(Duration lease) {
            if (!held.get()) {
                return false;
            }
            try {
                return redis.call("renewing a generation slot",
                        client -> semaphore().updateLeaseTime(permit, lease.toMillis(), TimeUnit.MILLISECONDS));
            } catch (RedisUnavailable e) {
                // Unknown, not lost: the lease still runs, and the next renewal may get through before it ends.
                LOG.log(Level.WARNING, e.getMessage());
                return true;
            }
        }

        @Override
        public void release() {
            if (held.compareAndSet(true, false)) {
                try {
                    redis.call("giving a generation slot back", client -> semaphore().tryRelease(permit));
                } catch (RedisUnavailable e) {
                    LOG.log(Level.WARNING, e.getMessage() + "; the slot comes back when its lease runs out");
                }
            }
        }
    }
}
