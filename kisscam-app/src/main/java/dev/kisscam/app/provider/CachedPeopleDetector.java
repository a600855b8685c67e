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
import java.util.Optional;

/**
 * The vision call is paid too: a photo whose bytes (by the digest the core took at intake) were counted
 * within the window gets the earlier answer without calling the delegate. A repeated answer carries a zero
 * spend, since nothing was charged for it. Failures are not remembered: the next try asks the delegate
 * again, and so does a photo without a digest. The counts are kept in this process (Caffeine) unless another
 * {@link RememberedCounts} is given, such as one that several instances share.
 */
public final class CachedPeopleDetector implements PeopleDetector {
    private final PeopleDetector delegate;
    private final RememberedCounts counts;

    public CachedPeopleDetector(PeopleDetector delegate, Duration window, int maxEntries) {
        this(delegate, window, maxEntries, Ticker.systemTicker());
    }

    CachedPeopleDetector(PeopleDetector delegate, Duration window, int maxEntries, Ticker ticker) {
        this(delegate, inMemory(window, maxEntries, ticker));
    }

    public CachedPeopleDetector(PeopleDetector delegate, RememberedCounts counts) {
        this.delegate = delegate;
        this.counts = counts;
    }

    private static RememberedCounts inMemory(Duration window, int maxEntries, Ticker ticker) {
        if (!window.isPositive() || maxEntries < 1) {
            throw new IllegalArgumentException("a detection cache needs a positive window and room for an answer");
        }
        Cache<PhotoDigest, PeopleCount> cache =
                Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maxEntries).ticker(ticker).build();
        return RememberedCounts.in(cache.asMap());
    }

    @Override
    public PeopleCount detect(Photo photo, MediaReader media) {
        if (photo.digest().isEmpty()) {
            return delegate.detect(photo, media);
        }
        PhotoDigest digest = photo.digest().get();
        Optional<PeopleCount> earlier = counts.find(digest);
        if (earlier.isPresent()) {
            PeopleCount count = earlier.get();
            return new PeopleCount(count.people(), count.anyoneLooksUnderage(), count.boxes(),
                    Spend.none(count.spend().model()));
        }
        // Not computed inside the cache: two first requests for one photo may both ask, but a slow or failing
        // provider call never holds a lock that other photos' detections wait on.
        PeopleCount count = delegate.detect(photo, media);
        counts.remember(digest, count);
        return count;
    }
}
