package dev.kisscam.adapter.grok;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many pictures are decoded at once. A picture's decoded pixels live from its decode to its encode, so
 * bounding the decodes bounds that memory however many jobs arrive together; the rest wait their turn, first
 * come first served. Photos that go to xAI as they are never decode and never wait.
 */
final class DecodeSlots {
    private final Semaphore slots;

    DecodeSlots(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one decode at a time, was " + count);
        }
        this.slots = new Semaphore(count, true);
    }

    /** Runs {@code decodeAndEncode} in a slot, waiting for one; an interrupt while waiting ends the wait. */
    <T> T run(Supplier<T> decodeAndEncode) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PreparationInterrupted(e);
        }
        try {
            return decodeAndEncode.get();
        } finally {
            slots.release();
        }
    }

    /** How many are waiting for a slot right now: for tests and a health page. */
    int waiting() {
        return slots.getQueueLength();
    }

    @Override
    public String toString() {
        return "DecodeSlots[" + slots.availablePermits() + " free, " + waiting() + " waiting]";
    }
}
