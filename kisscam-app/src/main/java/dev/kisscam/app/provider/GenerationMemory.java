package dev.kisscam.app.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * What a decorator remembers about a generation between calls (which job or photo set a ticket or a video
 * location belongs to). It must last while the core polls and downloads, yet not grow with every job ever
 * run; forgetting an entry costs only a cache hit or a log field, never a job, so it is kept in memory only.
 */
final class GenerationMemory {
    /** Far more generations than ever run at once; a bound against a leak, not a tuning knob. */
    static final long MAX_ENTRIES = 10_000;

    private GenerationMemory() {
    }

    /** Forgets an entry {@code idle} after it was last written or read. */
    static <K, V> Cache<K, V> create(Duration idle, Ticker ticker) {
        return Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(MAX_ENTRIES).ticker(ticker).build();
    }
}
