package dev.kisscam.app.bench;

import dev.kisscam.adapter.telegram.testing.BotApiCall;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads the calls the fake Telegram records, from the moment the watch is made, each call once and in order.
 * Waiting for a thousand calls this way costs one copy of the list per poll; waiting for each with the fake's
 * own {@code await} would rescan the whole list for every waiter on every call, and the fake would become
 * the bottleneck it is meant to measure around.
 */
final class CallWatch {
    /** Short against the seconds a burst takes; the moment a call is seen is late by at most about this. */
    private static final Duration POLL = Duration.ofMillis(10);
    /** The check may ask the bot for its metrics: often enough to give up early, seldom enough to cost nothing. */
    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);

    private final FakeBotApi telegram;
    private int next;

    private CallWatch(FakeBotApi telegram, int next) {
        this.telegram = telegram;
        this.next = next;
    }

    /** A watch that sees only the calls that come after this moment. */
    static CallWatch from(FakeBotApi telegram) {
        return new CallWatch(telegram, telegram.calls().size());
    }

    /**
     * Waits until {@code count} calls that match {@code wanted} have come, handing each to {@code action} as it
     * is seen, and returns when the last of them was seen. {@code check} runs between polls, to give up early by
     * throwing when what is awaited can no longer come.
     */
    Instant await(Predicate<BotApiCall> wanted, int count, Consumer<BotApiCall> action, Runnable check,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
        int found = 0;
        while (true) {
            List<BotApiCall> calls = telegram.calls();
            for (; next < calls.size(); next++) {
                BotApiCall call = calls.get(next);
                if (wanted.test(call)) {
                    action.accept(call);
                    if (++found == count) {
                        next++;
                        return Instant.now();
                    }
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + found + " of " + count + " calls came within " + timeout);
            }
            if (System.nanoTime() > nextCheck) {
                check.run();
                nextCheck = System.nanoTime() + CHECK_EVERY.toNanos();
            }
            Thread.sleep(POLL);
        }
    }
}
