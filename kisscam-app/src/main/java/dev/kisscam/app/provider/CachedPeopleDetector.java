package dev.kisscam.app.provider;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PeopleDetector;
import java.time.Duration;

/**
 * The vision call is paid too: a photo whose bytes (by the digest the core took at intake) were counted
 * within the window gets the earlier answer without calling the delegate. A repeated answer carries a zero
 * spend, since nothing was charged for it. Failures are not remembered: the next try asks the delegate
 * again, and so does a photo without a digest.
 */
public final class CachedPeopleDetector implements PeopleDetector {
    private final PeopleDetector delegate;
    private final Cache<PhotoDigest, PeopleCount> counts;

    public CachedPeopleDetector(PeopleDetector delegate, Duration window, int maxEntries) {
        this(delegate, window, maxEntries, Ticker.systemTicker());
    }

    CachedPeopleDetector(PeopleDetector delegate, Duration window, int maxEntries, Ticker ticker) {
        if (!window.isPositive() || maxEntries < 1) {
            throw new IllegalArgumentException("a detection cache needs a positive window and room for an answer");
        }
        this.delegate = delegate;
        this.counts = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maxEntries).ticker(ticker).build();
    }

    @Override
    public PeopleCount detect(Photo photo, MediaReader media) {
        if (photo.digest().isEmpty()) {
            return delegate.detect(photo, media);
        }
        PhotoDigest digest = photo.digest().get();
        PeopleCount earlier = counts.getIfPresent(digest);
        if (earlier != null) {
            return new PeopleCount(earlier.people(), earlier.anyoneLooksUnderage(), earlier.boxes(),
                    Spend.none(earlier.spend().model()));
        }
        // Not computed inside the cache: two first requests for one photo may both ask, but a slow or failing
        // provider call never holds a lock that other photos' detections wait on.
        PeopleCount count = delegate.detect(photo, media);
        counts.put(digest, count);
        return count;
    }
}
