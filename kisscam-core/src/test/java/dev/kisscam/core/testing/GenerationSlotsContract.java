package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.port.out.GenerationSlots;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link GenerationSlots} must do: never more slots held than there are, a slot given back is free for
 * the next job at once, giving one back twice frees nothing extra, and a held slot renews. How a lease that runs
 * out gives a slot back is each implementation's own test: a process-local one needs no leases.
 */
public abstract class GenerationSlotsContract {

    protected static final Duration LEASE = Duration.ofSeconds(30);

    /** Slots nobody holds yet, {@code size} of them. */
    protected abstract GenerationSlots withSlots(int size);

    @Test
    void no_more_slots_are_held_than_there_are() {
        GenerationSlots slots = withSlots(2);

        Optional<GenerationSlots.Slot> first = slots.tryAcquire(LEASE);
        Optional<GenerationSlots.Slot> second = slots.tryAcquire(LEASE);

        assertThat(first).isPresent();
        assertThat(second).isPresent();
        assertThat(slots.tryAcquire(LEASE)).as("a third while two of two are held").isEmpty();
        assertThat(slots.inUse()).isEqualTo(2);
        assertThat(slots.available()).isZero();
    }

    @Test
    void a_slot_given_back_is_free_for_the_next_at_once() {
        GenerationSlots slots = withSlots(1);
        GenerationSlots.Slot held = slots.tryAcquire(LEASE).orElseThrow();
        assertThat(slots.tryAcquire(LEASE)).isEmpty();

        held.release();

        assertThat(slots.available()).isEqualTo(1);
        assertThat(slots.inUse()).isZero();
        assertThat(slots.tryAcquire(LEASE)).isPresent();
    }

    @Test
    void giving_a_slot_back_twice_frees_nothing_extra() {
        GenerationSlots slots = withSlots(2);
        GenerationSlots.Slot first = slots.tryAcquire(LEASE).orElseThrow();
        first.release();
        GenerationSlots.Slot second = slots.tryAcquire(LEASE).orElseThrow();
        GenerationSlots.Slot third = slots.tryAcquire(LEASE).orElseThrow();

        first.release();

        assertThat(slots.inUse()).as("the two held since are still held").isEqualTo(2);
        assertThat(slots.tryAcquire(LEASE)).isEmpty();
        second.release();
        third.release();
        assertThat(slots.available()).isEqualTo(2);
    }

    @Test
    void a_held_slot_renews_and_stays_held() {
        GenerationSlots slots = withSlots(1);
        GenerationSlots.Slot held = slots.tryAcquire(LEASE).orElseThrow();

        assertThat(held.renew(LEASE)).isTrue();
        assertThat(held.renew(LEASE)).isTrue();

        assertThat(slots.inUse()).isEqualTo(1);
        assertThat(slots.tryAcquire(LEASE)).isEmpty();
        held.release();
    }

    @Test
    void many_at_once_never_hold_more_than_there_are() throws InterruptedException {
        GenerationSlots slots = withSlots(3);
        var granted = new ConcurrentLinkedQueue<GenerationSlots.Slot>();
        var go = new CountDownLatch(1);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                executor.submit(() -> {
                    go.await();
                    slots.tryAcquire(LEASE).ifPresent(granted::add);
                    return null;
                });
            }
            go.countDown();
        }

        assertThat(granted).hasSize(3);
        assertThat(slots.inUse()).isEqualTo(3);
        List<GenerationSlots.Slot> all = new ArrayList<>(granted);
        all.forEach(GenerationSlots.Slot::release);
        assertThat(slots.available()).isEqualTo(3);
    }
}
