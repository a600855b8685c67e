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
 * The repeat rule's memory in this process: which video was kept for which photo set, at most
 * {@code maxVideos} of them. Videos Caffeine lets go of to stay within that size are handed back with the
 * next call, for the core to delete. Lost on restart: the kept videos are then old media, which the media
 * sweeper deletes.
 */
public final class CaffeineEarlierVideos implements EarlierVideos {
    private record Kept(MediaKey video, Instant until) {
    }

    private final Cache<PhotoSet, Kept> kept;
    private final ConcurrentLinkedQueue<MediaKey> letGo = new ConcurrentLinkedQueue<>();

    public CaffeineEarlierVideos(int maxVideos) {
        if (maxVideos < 1) {
            throw new IllegalArgumentException("room for at least one video");
        }
        this.kept = Caffeine.newBuilder()
                .maximumSize(maxVideos)
                // Evictions run on the writing thread, so keep() sees what its own write pushed out.
                .executor(Runnable::run)
                .<PhotoSet, Kept>removalListener((photos, video, cause) -> {
                    if (cause.wasEvicted() && video != null) {
                        letGo.add(video.video());
                    }
                })
                .build();
    }

    @Override
    public Optional<MediaKey> find(PhotoSet photos, Instant now) {
        Kept found = kept.getIfPresent(photos);
        return found != null && now.isBefore(found.until()) ? Optional.of(found.video()) : Optional.empty();
    }

    @Override
    public List<MediaKey> keep(PhotoSet photos, MediaKey video, Instant until) {
        Kept replaced = kept.asMap().put(photos, new Kept(video, until));
        if (replaced != null && !replaced.video().equals(video)) {
            letGo.add(replaced.video());
        }
        kept.cleanUp();
        return drain();
    }

    @Override
    public List<MediaKey> release(Instant now) {
        kept.asMap().forEach((photos, video) -> {
            if (!now.isBefore(video.until()) && kept.asMap().remove(photos, video)) {
                letGo.add(video.video());
            }
        });
        return drain();
    }

    @Override
    public boolean keeps(MediaKey video) {
        return kept.asMap().values().stream().anyMatch(k -> k.video().equals(video));
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
