package dev.kisscam.adapter.redis;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RFuture;
import org.redisson.api.RLock;

/**
 * One chat's updates handled one at a time and in {@code update_id} order, whichever instance received them: each
 * update waits in its chat's sorted set (scored by its {@code update_id}), and the instance that holds the chat's
 * turn, a Redisson {@link RLock} whose lease its watchdog renews while the holder lives, handles them, the lowest
 * first, until none is left. An instance that queues an update then asks for the turn; one that gives the turn up
 * looks again, so an update queued while the turn was held is never left waiting. An update leaves its set only once
 * it is handled: when a holder dies mid-update its lease runs out and another instance handles that update again,
 * then the rest (at least once, never lost). Every instance looks for chats left waiting every third of the lease.
 * The same update queued twice (Telegram resends an update it got no answer to) is one member of the set. Made by
 * {@link RedisAdapters#chatQueues}.
 */
public final class RedisChatQueues implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisChatQueues.class.getName());

    /** Handles one update; the stage completes when it is handled and the chat's next update may go. */
    @FunctionalInterface
    public interface Handler {
        CompletionStage<Void> handle(long chatId, String update);
    }

    private final Connection redis;
    private final Duration lease;
    private final Handler handler;
    private final String waiting;
    private final CountDownLatch closing = new CountDownLatch(1);
    private Thread sweeper;

    RedisChatQueues(Connection redis, Duration lease, Handler handler) {
        this.redis = redis;
        this.lease = lease;
        this.handler = handler;
        this.waiting = redis.key("chats-waiting");
    }

    /**
     * Queues {@code update} for its chat and returns once Redis has it; it is handled (here or on another instance)
     * after the chat's updates with lower ids.
     *
     * @throws RedisUnavailable when Redis does not take it
     */
    public void offer(long chatId, long updateId, String update) {
        redis.call("queueing update " + updateId + " of chat " + chatId, client -> {
            client.<String>getScoredSortedSet(updates(chatId)).add(updateId, update);
            client.<String>getSet(waiting).add(String.valueOf(chatId));
            return null;
        });
        lookForLeftChats();
        Thread.ofVirtual().name("kisscam-chat-" + chatId).start(() -> drain(chatId));
    }

    /** Takes the chat's turn if it is free and handles its updates until none is left; otherwise returns at once. */
    private void drain(long chatId) {
        long holder = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        try {
            while (closing.getCount() > 0 && takeTurn(chatId, holder)) {
                try {
                    handleAll(chatId);
                } finally {
                    giveTurnUp(chatId, holder);
                }
                // Queued while we held the turn, by an instance that then found it taken: ours to handle.
                if (nothingWaits(chatId)) {
                    return;
                }
            }
        } catch (RedisUnavailable e) {
            LOG.log(Level.WARNING, e.getMessage() + "; the chat's updates wait for the next look");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handleAll(long chatId) throws InterruptedException {
        while (closing.getCount() > 0) {
            String next = redis.call("reading chat " + chatId,
                    client -> client.<String>getScoredSortedSet(updates(chatId)).first());
            if (next == null) {
                return;
            }
            try {
                handler.handle(chatId, next).toCompletableFuture().get();
            } catch (ExecutionException e) {
                LOG.log(Level.ERROR, "an update of chat " + chatId + " failed; the chat goes on", e.getCause());
            }
            redis.call("removing a handled update of chat " + chatId,
                    client -> client.<String>getScoredSortedSet(updates(chatId)).remove(next));
        }
    }

    private boolean takeTurn(long chatId, long holder) {
        return redis.call("taking the turn of chat " + chatId, client -> await(client.getLock(turn(chatId))
                .tryLockAsync(holder)));
    }

    private void giveTurnUp(long chatId, long holder) {
        try {
            redis.call("giving the turn of chat " + chatId + " up", client -> {
                RLock lock = client.getLock(turn(chatId));
                return lock.isHeldByThread(holder) ? await(lock.unlockAsync(holder)) : null;
            });
        } catch (RedisUnavailable e) {
            LOG.log(Level.WARNING, e.getMessage() + "; the turn runs out with its lease");
        }
    }

    /** From the first update on (building this starts nothing), until closed. */
    private synchronized void lookForLeftChats() {
        if (sweeper == null && closing.getCount() > 0) {
            sweeper = Thread.ofVirtual().name("kisscam-chat-sweeper").start(this::sweep);
        }
    }

    /** Every third of the lease: the chats with updates waiting whose turn nobody holds (its holder died). */
    private void sweep() {
        try {
            while (!closing.await(lease.toMillis() / 3, TimeUnit.MILLISECONDS)) {
                try {
                    Set<String> chats = redis.call("listing waiting chats", client -> client.<String>getSet(waiting)
                            .readAll());
                    for (String chat : chats) {
                        long chatId = Long.parseLong(chat);
                        if (nothingWaits(chatId)) {
                            redis.call("forgetting chat " + chat,
                                    client -> client.<String>getSet(waiting).remove(chat));
                        } else {
                            Thread.ofVirtual().name("kisscam-chat-" + chatId).start(() -> drain(chatId));
                        }
                    }
                } catch (RedisUnavailable e) {
                    LOG.log(Level.WARNING, e.getMessage() + "; looking again in " + lease.toMillis() / 3 + " ms");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean nothingWaits(long chatId) {
        return redis.call("looking at chat " + chatId, client -> client.getScoredSortedSet(updates(chatId)).isEmpty());
    }

    private String updates(long chatId) {
        return redis.key("chat:" + chatId + ":updates");
    }

    private String turn(long chatId) {
        return redis.key("chat:" + chatId + ":turn");
    }

    private <T> T await(RFuture<T> future) {
        return Connection.await(future, lease);
    }

    /** Takes no more turns: the update in hand is finished, and what is still queued is left to the other instances. */
    @Override
    public void close() {
        Thread looking;
        synchronized (this) {
            closing.countDown();
            looking = sweeper;
        }
        if (looking == null) {
            return;
        }
        try {
            looking.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
