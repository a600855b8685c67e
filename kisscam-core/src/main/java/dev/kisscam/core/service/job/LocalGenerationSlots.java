package dev.kisscam.core.service.job;

import dev.kisscam.core.port.out.GenerationSlots;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Generation slots for one process: a semaphore. Leases need no clock here, since the slots die with the
 * process that holds them; several processes sharing one provider account need shared slots instead.
 */
public final class LocalGenerationSlots implements GenerationSlots {
    private final int size;
    private final Semaphore permits;

    public LocalGenerationSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one generation slot");
        }
        this.size = size;
        this.permits = new Semaphore(size);
    }

    @Override
    public Optional<Slot> tryAcquire(Duration lease) {
        if (!permits.tryAcquire()) {
            return Optional.empty();
        }
        var held = new AtomicBoolean(true);
        return Optional.of(new Slot() {
            @Override
            public boolean renew(Duration ignored) {
                return held.get();
            }

            @Override
            public void release() {
                if (held.compareAndSet(true, false)) {
                    permits.release();
                }
            }
        });
    }

    @Override
    public int available() {
        return permits.availablePermits();
    }

    @Override
    public int inUse() {
        return size - permits.availablePermits();
    }
}
