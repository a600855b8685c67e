package dev.kisscam.adapter.telegram;

import java.time.Duration;

/**
 * How long to wait before trying again while Telegram cannot be reached: {@code first}, doubling with each
 * failure in a row up to {@code longest}, and for {@code patience} in all before giving up.
 */
record Backoff(Duration first, Duration longest, Duration patience) {
    /** Below this a pause would spin while Telegram is down. */
    private static final Duration SHORTEST = Duration.ofMillis(10);

    Backoff {
        first = first.compareTo(SHORTEST) < 0 ? SHORTEST : first;
        longest = longest.compareTo(first) < 0 ? first : longest;
    }

    /** The pause after the {@code failures}-th failure in a row (1 for the first). */
    Duration after(int failures) {
        Duration pause = first;
        for (int n = 1; n < failures && pause.compareTo(longest) < 0; n++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) < 0 ? pause : longest;
    }
}
