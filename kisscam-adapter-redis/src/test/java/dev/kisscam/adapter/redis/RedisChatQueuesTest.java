package dev.kisscam.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One chat's updates reaching two instances (each its own Redis client) in turn, as behind a round-robin webhook. */
class RedisChatQueuesTest {
    private static final Duration LEASE = Duration.ofSeconds(2);
    private static final long CHAT = 4242;

    @RegisterExtension
    final RedisInstances redis = new RedisInstances(config -> config.withLeaderLease(LEASE));

    private record Handled(String instance, long update) {
    }

    private final List<Handled> started = new CopyOnWriteArrayList<>();
    private final List<Handled> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger inHand = new AtomicInteger();
    private final AtomicInteger mostInHand = new AtomicInteger();
    private final CountDownLatch held = new CountDownLatch(1);
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopWork() {
        held.countDown();
        work.close();
    }

    /** An instance whose handler takes a moment per update, and holds {@code holdUpdate} until {@link #held} opens. */
    private RedisChatQueues instance(String name, long holdUpdate) {
        RedisAdapters instance = redis.instance();
        return redis.closeLater(instance.chatQueues((chatId, update) -> CompletableFuture.runAsync(() -> {
            mostInHand.accumulateAndGet(inHand.incrementAndGet(), Math::max);
            var it = new Handled(name, Long.parseLong(update));
            started.add(it);
            if (it.update() == holdUpdate) {
                awaitQuietly(held);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos()); // the work of an update, so overlaps would show
            inHand.decrementAndGet();
            handled.add(it);
        }, work)));
    }

    private RedisChatQueues instance(String name) {
        return instance(name, -1);
    }

    /** Instances a and b, with the chat's update 1 in a's hand until {@link #held} opens. */
    private List<RedisChatQueues> twoWithUpdateOneHeldByTheFirst() {
        RedisChatQueues a = instance("a", 1);
        RedisChatQueues b = instance("b", 1);
        a.offer(CHAT, 1, "1");
        Await.until(Duration.ofSeconds(5), "update 1 in hand", () -> started.size() == 1);
        return List.of(a, b);
    }

    @Test
    void updates_arriving_alternately_at_two_instances_are_handled_in_order_one_at_a_time() {
        RedisChatQueues a = instance("a");
        RedisChatQueues b = instance("b");

        for (long id = 1; id <= 40; id++) {
            (id % 2 == 0 ? a : b).offer(CHAT, id, String.valueOf(id));
        }

        Await.until(Duration.ofSeconds(20), "all 40 updates handled", () -> handled.size() >= 40);
        assertThat(handled).extracting(Handled::update).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed()
                .toList());
        assertThat(mostInHand).as("never two of the chat's updates at once").hasValue(1);
    }

    @Test
    void updates_that_arrive_out_of_order_while_the_chat_is_busy_go_in_update_id_order() {
        List<RedisChatQueues> two = twoWithUpdateOneHeldByTheFirst();
        RedisChatQueues a = two.get(0);
        RedisChatQueues b = two.get(1);

        b.offer(CHAT, 4, "4");
        a.offer(CHAT, 3, "3");
        b.offer(CHAT, 2, "2");
        b.offer(CHAT, 2, "2"); // Telegram sending an update again: still one update
        assertThat(started).as("nothing else while update 1 is in hand").hasSize(1);
        held.countDown();

        Await.until(Duration.ofSeconds(10), "updates 2 to 4 handled", () -> handled.size() >= 4);
        assertThat(handled).extracting(Handled::update).containsExactly(1L, 2L, 3L, 4L);
        assertThat(mostInHand).hasValue(1);
    }

    @Test
    void an_update_handled_for_longer_than_the_lease_keeps_its_chats_turn() {
        RedisChatQueues b = twoWithUpdateOneHeldByTheFirst().get(1);
        b.offer(CHAT, 2, "2");

        // The holder's watchdog renews the turn before its lease ends: past a whole lease, it still holds it.
        var turn = redis.observer().getLock(redis.config().keyPrefix() + "chat:" + CHAT + ":turn");
        long firstLeaseEnds = System.nanoTime() + LEASE.toNanos();
        Await.until(LEASE.multipliedBy(5), "the turn is renewed past its first lease",
                () -> System.nanoTime() > firstLeaseEnds && turn.remainTimeToLive() > LEASE.toMillis() / 2);
        assertThat(started).as("update 2 waits for update 1, however long it takes").hasSize(1);

        held.countDown();
        Await.until(Duration.ofSeconds(10), "both handled", () -> handled.size() >= 2);
        assertThat(handled).extracting(Handled::update).containsExactly(1L, 2L);
    }

    @Test
    void a_holder_that_dies_blocks_its_chat_no_longer_than_its_lease_and_its_update_is_handled_again() {
        RedisAdapters dyingInstance = redis.instance();
        RedisChatQueues dying = redis.closeLater(dyingInstance.chatQueues((chatId, update) -> {
            started.add(new Handled("dying", Long.parseLong(update)));
            return new CompletableFuture<>(); // never finishes: it dies in the middle
        }));
        RedisChatQueues survivor = instance("survivor");
        dying.offer(CHAT, 1, "1");
        Await.until(Duration.ofSeconds(5), "update 1 in the dying instance's hand", () -> started.size() == 1);

        long leaseLeft = redis.observer().getLock(redis.config().keyPrefix() + "chat:" + CHAT + ":turn")
                .remainTimeToLive();
        long died = System.nanoTime();
        dyingInstance.close(); // as a killed process: the turn is neither given up nor renewed any more
        survivor.offer(CHAT, 2, "2");

        Await.until(LEASE.multipliedBy(5), "the survivor handles the chat", () -> handled.size() >= 2);
        Duration takeover = Duration.ofNanos(System.nanoTime() - died);
        assertThat(handled).containsExactly(new Handled("survivor", 1), new Handled("survivor", 2));
        assertThat(takeover).as("not before the dead holder's lease ran out")
                .isGreaterThanOrEqualTo(Duration.ofMillis(leaseLeft - 50));
        assertThat(takeover).as("within the lease and a look, give or take a busy machine")
                .isLessThan(LEASE.multipliedBy(3));
    }

    @Test
    void chats_go_on_side_by_side() {
        RedisChatQueues a = instance("a", 1);
        a.offer(CHAT, 1, "1");
        Await.until(Duration.ofSeconds(5), "update 1 in hand", () -> started.size() == 1);

        a.offer(CHAT + 1, 2, "2");

        Await.until(Duration.ofSeconds(5), "the other chat's update, while the first chat waits",
                () -> handled.contains(new Handled("a", 2)));
        assertThat(handled).doesNotContain(new Handled("a", 1));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
