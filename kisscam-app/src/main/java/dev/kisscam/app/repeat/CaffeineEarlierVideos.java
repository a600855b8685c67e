package dev.kisscam.app.repeat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.port.out.EarlierVideos;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The repeat rule's memory in this process: which video and photos were kept for which photo set, at most
 * {@code maxVideos} sets. What Caffeine lets go of to stay within that size is handed back with the next
 * call, for the core to delete. Lost on restart: the kept media are then old media, which the media sweeper
 * deletes.
 */
public final class CaffeineEarlierVideos implements EarlierVideos {
    private record Entry(Kept kept, Instant until) {
    }

    private final Cache<PhotoSet, Entry> kept;
    private final ConcurrentLinkedQueue<MediaKey> letGo = new ConcurrentLinkedQueue<>();

    public CaffeineEarlierVideos(int maxVideos) {
        if (maxVideos < 1) {
            throw new IllegalArgumentException("room for at least one video");
        }
        this.kept = Caffeine.newBuilder()
                .maximumSize(maxVideos)
                // Evictions run on the writing thread, so keep() sees what its own write pushed out.
                .executor(Runnable::run)
                .<PhotoSet, Entry>removalListener((photos, entry, cause) -> {
                    if (cause.wasEvicted() && entry != null) {
                        letGo.addAll(entry.kept().keys());
                    }
                })
                .build();
    }

    @Override
    public Optional<Kept> find(PhotoSet photos, Instant now) {
        Entry found = kept.getIfPresent(photos);
        return found != null && now.isBefore(found.until()) ? Optional.of(found.kept()) : Optional.empty();
    }

    @Override
    public List<MediaKey> keep(PhotoSet photos, Kept bundle, Instant until) {
        Entry replaced = kept.asMap().put(photos, new Entry(bundle, until));
        if (replaced != null) {
            replaced.kept().keys().stream().filter(key -> !bundle.keys().contains(key)).forEach(letGo::add);
        }
        kept.cleanUp();
        return drain();
    }

    @Override
    public List<MediaKey> release(Instant now) {
        kept.asMap().forEach((photos, entry) -> {
            if (!now.isBefore(entry.until()) && kept.asMap().remove(photos, entry)) {
                letGo.addAll(entry.kept().keys());
            }
        });
        return drain();
    }

    @Override
    public boolean keeps(MediaKey key) {
        return kept.asMap().values().stream().anyMatch(entry -> entry.kept().keys().contains(key));
    }

    /** How many videos are kept now; for a gauge. */
    public long keptVideos() {
        kept.cleanUp();
        return kept.estimatedSize();
    }

    private List<MediaKey> drain() {
        var released = new ArrayList<MediaKey>();
        for (MediaKey key = letGo.poll(); key != null; key = letGo.poll()) {
            released.add(key);
        }
        return released;
    }
}
