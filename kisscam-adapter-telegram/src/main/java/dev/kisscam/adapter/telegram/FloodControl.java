package dev.kisscam.adapter.telegram;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one door every Bot API call of this bot goes through. Telegram takes about 30 messages a second from a
 * bot and about one a second into a chat, with a short burst over that let through; past that it answers 429
 * and makes every call wait, a video too. Here calls wait for their turn instead: the most urgent first (a
 * video, then answers to the user, then status edits, then chat actions), the oldest first among equals, and a
 * call into a chat only when that chat's own pace allows, while calls into other chats go on. A chat's pace
 * allows a few calls back to back ({@link TelegramConfig.FloodLimits#burstPerChat()}), so a video ready just
 * after a status message does not wait a second behind it.
 *
 * <p>One dispatcher hands out the turns. It takes a permit of the bot-wide rate (resilience4j) first and only
 * then picks the call, so the choice is made as late as possible and a video that just came overtakes what
 * waited before it. The pace of each chat is kept by a {@link ChatPace}: the dispatcher must see which chats are
 * free without using up their turn, which a rate limiter's acquire cannot tell.
 */
final class FloodControl implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FloodControl.class.getName());
    /** A chat idle for this long has no pace left to keep. */
    private static final Duration CHAT_MEMORY = Duration.ofMinutes(1);

    /** How urgent a call is, most urgent first. */
    enum Priority { VIDEO, ANSWER, STATUS, ACTION }

    /**
     * What a call waits for: its priority, and the chat whose pace it keeps, if any (a message or an edit; not
     * a chat action, a button's answer or a file lookup, which Telegram does not count as messages).
     */
    record Turn(Priority priority, OptionalLong chat) {
        static Turn video(long chat) {
            return new Turn(Priority.VIDEO, OptionalLong.of(chat));
        }

        static Turn answer(long chat) {
            return new Turn(Priority.ANSWER, OptionalLong.of(chat));
        }

        static Turn status(long chat) {
            return new Turn(Priority.STATUS, OptionalLong.of(chat));
        }

        /** Counted only against the bot-wide rate. */
        static Turn botWide(Priority priority) {
            return new Turn(priority, OptionalLong.empty());
        }
    }

    private record Waiting(Turn turn, long order, CountDownLatch granted) {
    }

    private final RateLimiter botWide;
    /** Only the dispatcher reads and writes it, under the lock. */
    private final ChatPace chatPace;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final NavigableSet<Waiting> waiting = new TreeSet<>(
            Comparator.comparing((Waiting w) -> w.turn().priority()).thenComparingLong(Waiting::order));
    private final Thread dispatcher;
    private long nextOrder;
    private boolean closed;

    FloodControl(TelegramConfig.FloodLimits limits) {
        this.botWide = RateLimiter.of("telegram", RateLimiterConfig.custom()
                // One permit per period and no more: calls are spread evenly, never sent in a burst.
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) / limits.callsPerSecond()))
                .timeoutDuration(Duration.ofSeconds(1))
                .build());
        this.chatPace = new ChatPace(limits, CHAT_MEMORY);
        this.dispatcher = Thread.ofVirtual().name("telegram-flood-control").start(this::dispatch);
    }

    /**
     * Returns when this call may go. After {@link #close()} every call goes at once.
     *
     * @throws InterruptedException when the caller is interrupted while it waits; it then had no turn
     */
    void awaitTurn(Turn turn) throws InterruptedException {
        var granted = new CountDownLatch(1);
        Waiting call;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            call = new Waiting(turn, nextOrder++, granted);
            waiting.add(call);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            granted.await();
        } catch (InterruptedException e) {
            lock.lock();
            try {
                waiting.remove(call);
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    private void dispatch() {
        while (true) {
            try {
                if (!awaitCalls()) {
                    return;
                }
                if (!botWide.acquirePermission()) {
                    continue;
                }
                grantNext();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The door must never stay shut: a dispatcher that died would stop every call of the bot.
                LOG.log(System.Logger.Level.ERROR, "handing out Bot API turns failed; going on", e);
            }
        }
    }

    /** Waits until a call waits; false once closed. */
    private boolean awaitCalls() throws InterruptedException {
        lock.lock();
        try {
            while (waiting.isEmpty() && !closed) {
                changed.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** With a bot-wide permit in hand: lets the most urgent call whose chat is free go, waiting for one if none is. */
    private void grantNext() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long now = System.nanoTime();
                long soonest = Long.MAX_VALUE;
                Set<Long> busy = new HashSet<>();
                for (Waiting call : waiting) {
                    OptionalLong chat = call.turn().chat();
                    if (chat.isPresent() && busy.contains(chat.getAsLong())) {
                        continue;
                    }
                    long untilFree = chat.isPresent() ? chatPace.untilFree(chat.getAsLong(), now) : 0;
                    if (untilFree <= 0) {
                        chat.ifPresent(id -> chatPace.take(id, now));
                        waiting.remove(call);
                        call.granted().countDown();
                        return;
                    }
                    busy.add(chat.getAsLong());
                    soonest = Math.min(soonest, untilFree);
                }
                if (waiting.isEmpty()) {
                    // The waiting call was interrupted; the permit is kept for the next one.
                    changed.await();
                } else {
                    changed.awaitNanos(soonest);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Lets every waiting and later call go at once, and stops the dispatcher. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiting.forEach(call -> call.granted().countDown());
            waiting.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        dispatcher.interrupt();
    }
}
