package dev.kisscam.adapter.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The pace of each chat. Telegram asks for about one message a second into a chat, lets a short burst over that
 * pass and answers 429 only when the rate stays above it. Strict spacing would make a video ready a moment after
 * a status message wait out the rest of that second for nothing; so a quiet chat may take a few calls back to
 * back, and over time no more than its rate.
 *
 * <p>Kept as the generic cell rate algorithm: one number per chat, its theoretical arrival time (TAT), the moment
 * the chat would be quiet again had every call into it been spaced a gap apart. A call may go while the TAT is at
 * most {@code burst - 1} gaps ahead of now, and moves the TAT on by one gap from now or from where it was, whichever
 * is later. A chat not known, or forgotten, is quiet.
 *
 * <p>Times are {@link System#nanoTime()} values passed in, so the rule can be followed exactly in tests. Not
 * thread-safe: one dispatcher asks and counts.
 */
final class ChatPace {
    private final long gapNanos;
    /** How far ahead of now a chat's TAT may be and a call still go: the burst, less the call itself. */
    private final long toleranceNanos;
    private final Cache<Long, Long> arrival;

    /**
     * @param memory how long a chat's TAT is kept after its last call; never less than a full burst's worth of
     *               gaps, or a chat forgotten while its TAT still lay ahead would get its burst again too soon
     */
    ChatPace(TelegramConfig.FloodLimits limits, Duration memory) {
        this.gapNanos = TimeUnit.SECONDS.toNanos(1) / limits.callsPerChatPerSecond();
        this.toleranceNanos = (limits.burstPerChat() - 1) * gapNanos;
        long burstNanos = limits.burstPerChat() * gapNanos;
        this.arrival = Caffeine.newBuilder()
                .expireAfterWrite(Duration.ofNanos(Math.max(memory.toNanos(), burstNanos)))
                .build();
    }

    /** How long after {@code now} a call into this chat may go; zero or less when it may go now. */
    long untilFree(long chat, long now) {
        Long tat = arrival.getIfPresent(chat);
        return tat == null ? 0 : tat - toleranceNanos - now;
    }

    /** Counts a call that goes into this chat at {@code now}. */
    void take(long chat, long now) {
        Long tat = arrival.getIfPresent(chat);
        long from = tat == null || tat - now < 0 ? now : tat;
        arrival.put(chat, from + gapNanos);
    }
}
