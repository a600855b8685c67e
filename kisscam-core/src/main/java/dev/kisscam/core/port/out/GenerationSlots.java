package dev.kisscam.core.port.out;

import java.time.Duration;
import java.util.Optional;

/**
 * The generations the provider account runs at once, at most a fixed number, counted across every process
 * that shares the account. A slot is held until released, or until its lease runs out, so a process that
 * dies gives its slots back by itself.
 */
public interface GenerationSlots {

    /** A slot for {@code lease} if one is free now; empty when all are taken. */
    Optional<Slot> tryAcquire(Duration lease);

    /** Slots free now (an estimate across processes). */
    int available();

    /** Slots held now (an estimate across processes). */
    int inUse();

    interface Slot {
        /** Keeps the slot for another {@code lease}; false when it was lost (its lease had run out). */
        boolean renew(Duration lease);

        /** Gives the slot back; giving it back twice is harmless. */
        void release();
    }
}
