package dev.kisscam.core.testing;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.port.out.EarlierVideos;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/** Earlier videos on the heap, at most {@code capacity} of them; the oldest kept goes first when full. */
public final class InMemoryEarlierVideos implements EarlierVideos {
    private record Kept(MediaKey video, Instant until) {
    }

    private final int capacity;
    private final Map<PhotoSet, Kept> kept = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public InMemoryEarlierVideos(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("room for at least one video");
        }
        this.capacity = capacity;
    }

    @Override
    public Optional<MediaKey> find(PhotoSet photos, Instant now) {
        lock.lock();
        try {
            Kept found = kept.get(photos);
            return found != null && now.isBefore(found.until()) ? Optional.of(found.video()) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MediaKey> keep(PhotoSet photos, MediaKey video, Instant until) {
        lock.lock();
        try {
            var released = new ArrayList<MediaKey>();
            Kept replaced = kept.remove(photos);
            if (replaced != null && !replaced.video().equals(video)) {
                released.add(replaced.video());
            }
            kept.put(photos, new Kept(video, until));
            var oldest = kept.entrySet().iterator();
            while (kept.size() > capacity) {
                released.add(oldest.next().getValue().video());
                oldest.remove();
            }
            return released;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean keeps(MediaKey video) {
        lock.lock();
        try {
            return kept.values().stream().anyMatch(k -> k.video().equals(video));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MediaKey> release(Instant now) {
        lock.lock();
        try {
            var released = new ArrayList<MediaKey>();
            kept.values().removeIf(k -> {
                boolean expired = !now.isBefore(k.until());
                if (expired) {
                    released.add(k.video());
                }
                return expired;
            });
            return released;
        } finally {
            lock.unlock();
        }
    }
}
