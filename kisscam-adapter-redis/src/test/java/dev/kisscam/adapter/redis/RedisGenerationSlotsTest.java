package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.testing.GenerationSlotsContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core's slot contract against a real Redis, and what only shared slots do: leases and several instances. */
class RedisGenerationSlotsTest extends GenerationSlotsContract {
    @RegisterExtension
    final RedisInstances redis = new RedisInstances();

    private RedisAdapters instance() {
        return redis.instance();
    }

    @Override
    protected GenerationSlots withSlots(int size) {
        return instance().generationSlots(size);
    }

    @Test
    void instances_share_one_set_of_slots() {
        GenerationSlots first = instance().generationSlots(2);
        GenerationSlots second = instance().generationSlots(2);

        GenerationSlots.Slot a = first.tryAcquire(LEASE).orElseThrow();
        GenerationSlots.Slot b = second.tryAcquire(LEASE).orElseThrow();

        assertThat(first.tryAcquire(LEASE)).as("two of two held, one by each instance").isEmpty();
        assertThat(second.tryAcquire(LEASE)).isEmpty();
        assertThat(first.inUse()).isEqualTo(2);
        a.release();
        assertThat(second.tryAcquire(LEASE)).as("given back by the other instance").isPresent();
        b.release();
    }

    @Test
    void a_slot_whose_lease_ran_out_comes_back_and_its_holder_learns_it_was_lost() {
        GenerationSlots slots = instance().generationSlots(1);
        GenerationSlots other = instance().generationSlots(1);
        GenerationSlots.Slot held = slots.tryAcquire(Duration.ofSeconds(3)).orElseThrow();
        assertThat(other.tryAcquire(LEASE)).as("held, its lease still running").isEmpty();

        Await.until(Duration.ofSeconds(10), "the slot comes back after its lease", () -> other.tryAcquire(LEASE).isPresent());

        assertThat(held.renew(LEASE)).as("the first holder's lease ran out").isFalse();
        assertThat(other.inUse()).isEqualTo(1);
    }

    @Test
    void renewing_keeps_a_slot_past_its_first_lease() {
        GenerationSlots slots = instance().generationSlots(2);
        GenerationSlots other = instance().generationSlots(2);
        Duration shortLease = Duration.ofSeconds(2);
        GenerationSlots.Slot renewed = slots.tryAcquire(shortLease).orElseThrow();
        slots.tryAcquire(shortLease).orElseThrow(); // the same lease, never renewed: it shows when the lease is over

        assertThat(renewed.renew(Duration.ofMinutes(1))).isTrue();

        Await.until(Duration.ofSeconds(10), "the slot that was not renewed comes back",
                () -> other.tryAcquire(LEASE).isPresent());
        assertThat(other.tryAcquire(LEASE)).as("the renewed one is still held").isEmpty();
        assertThat(renewed.renew(LEASE)).isTrue();
        renewed.release();
    }

    @Test
    void a_dead_instances_slots_come_back_to_the_others_after_their_lease() {
        RedisAdapters dying = instance();
        GenerationSlots survivor = instance().generationSlots(2);
        dying.generationSlots(2).tryAcquire(Duration.ofSeconds(2)).orElseThrow();
        dying.generationSlots(2).tryAcquire(Duration.ofSeconds(2)).orElseThrow();
        assertThat(survivor.tryAcquire(LEASE)).isEmpty();

        dying.close(); // as a killed process: nothing given back, nothing renewed

        Await.until(Duration.ofSeconds(15), "both slots come back", () -> survivor.available() == 2);
        assertThat(survivor.tryAcquire(LEASE)).isPresent();
    }

    @Test
    void slots_come_back_after_redis_forgot_everything() {
        GenerationSlots slots = instance().generationSlots(2);
        slots.tryAcquire(LEASE).orElseThrow().release();

        redis.forgetEverything(); // as a restart without its data

        GenerationSlots.Slot first = slots.tryAcquire(LEASE).orElseThrow();
        slots.tryAcquire(LEASE).orElseThrow();
        assertThat(slots.tryAcquire(LEASE)).as("still two, not more").isEmpty();
        first.release();
    }
}
