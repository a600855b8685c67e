package dev.kisscam.app.wiring;

import com.google.inject.Provider;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.service.Kisscam;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The media sweeper's question, "is this old file still needed?", answered by the core: every photo and
 * video of an unfinished job and every video and photo the repeat rule keeps. The core's answer is taken afresh at
 * most once a second, since a sweep asks it for each old file; media that turns up in use after that was
 * just written, and is too young to be swept.
 */
final class MediaInUse implements Predicate<MediaKey> {
    private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();

    private final Provider<Kisscam> core;
    private Set<MediaKey> inUse = Set.of();
    private long takenAt;
    private boolean taken;

    /** The core is asked only when the sweeper runs, long after both are built. */
    MediaInUse(Provider<Kisscam> core) {
        this.core = core;
    }

    @Override
    public synchronized boolean test(MediaKey key) {
        long now = System.nanoTime();
        if (!taken || now - takenAt > FRESH_NANOS) {
            inUse = core.get().mediaInUse();
            takenAt = now;
            taken = true;
        }
        return inUse.contains(key) || core.get().keepsMedia(key);
    }
}
