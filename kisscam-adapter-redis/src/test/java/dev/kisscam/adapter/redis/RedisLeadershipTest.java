package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.api.RLock;

/** Two contenders for the polling lead, each as an instance of its own (its own Redis client). */
class RedisLeadershipTest {
    private static final Duration LEASE = Duration.ofSeconds(2);

    @RegisterExtension
    final RedisInstances redis = new RedisInstances(config -> config.withLeaderLease(LEASE));

    /** A contender: an instance's Redis connection and its campaign, with what it was told. */
    private final class Contender {
        final RedisAdapters instance = redis.instance();
        final RedisLeadership leadership = redis.closeLater(instance.leadership("polling"));
        final AtomicInteger elected = new AtomicInteger();
        final AtomicInteger deposed = new AtomicInteger();

        Contender campaigning() {
            leadership.campaign(elected::incrementAndGet, deposed::incrementAndGet);
            return this;
        }
    }

    private RLock lock() {
        return redis.observer().getLock(redis.config().keyPrefix() + "lead:polling");
    }

    @Test
    void of_two_contenders_one_leads_and_the_other_waits_while_it_lives() {
        Contender first = new Contender().campaigning();
        Contender second = new Contender().campaigning();

        assertThat(first.elected).as("elected at once, before campaign returned").hasValue(1);
        assertThat(second.elected).hasValue(0);
        assertThat(second.leadership.leading()).isFalse();

        // The leader's watchdog renews its lease before it ends: past a whole lease, it still leads.
        long lockedUntil = System.nanoTime() + LEASE.toNanos();
        Await.until(Duration.ofSeconds(10), "the lease is renewed past its first end",
                () -> System.nanoTime() > lockedUntil && lock().remainTimeToLive() > LEASE.toMillis() / 2);
        assertThat(first.leadership.leading()).isTrue();
        assertThat(second.elected).as("never while the leader lives").hasValue(0);
        assertThat(first.deposed).hasValue(0);
    }

    @Test
    void a_leader_that_stops_gives_the_lead_up_and_the_other_takes_it() throws Exception {
        Contender first = new Contender().campaigning();
        Contender second = new Contender().campaigning();

        first.leadership.close();

        assertThat(lock().isLocked()).as("given up, not left to run out").isFalse();
        Await.until(Duration.ofSeconds(5), "the other contender leads", () -> second.elected.get() == 1);
        assertThat(second.leadership.leading()).isTrue();
        assertThat(first.elected).hasValue(1);
    }

    @Test
    void when_the_leader_dies_the_other_takes_over_within_the_lease() {
        Contender dying = new Contender().campaigning();
        Contender survivor = new Contender().campaigning();
        assertThat(dying.elected).hasValue(1);

        long leaseLeft = lock().remainTimeToLive(); // a renewal after this only makes the lease end later
        long died = System.nanoTime();
        dying.instance.close(); // as a killed process: the lock is neither released nor renewed any more

        Await.until(LEASE.multipliedBy(5), "the survivor leads", () -> survivor.elected.get() == 1);
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        assertThat(takeover).as("not before the dead leader's lease ran out").isGreaterThanOrEqualTo(
                Duration.ofMillis(leaseLeft - 50));
        assertThat(takeover).as("within the lease and a check, give or take a busy machine")
                .isLessThan(LEASE.multipliedBy(3));
        assertThat(survivor.leadership.leading()).isTrue();
        Await.until(LEASE.multipliedBy(4), "the dead one, cut off from Redis, knows it no longer leads",
                () -> dying.deposed.get() == 1);
        assertThat(dying.leadership.leading()).isFalse();
    }

    @Test
    void what_fails_on_election_gives_the_lead_up_and_comes_out_of_the_campaign() {
        Contender first = new Contender();

        assertThatThrownBy(() -> first.leadership.campaign(() -> {
            throw new IllegalStateException("Telegram is not there");
        }, () -> { })).hasMessageContaining("Telegram is not there");

        assertThat(lock().isLocked()).isFalse();
        assertThat(first.leadership.leading()).isFalse();
    }

    @Test
    void a_campaign_runs_once() {
        Contender first = new Contender().campaigning();

        assertThatThrownBy(first::campaigning).isInstanceOf(IllegalStateException.class);
    }
}
