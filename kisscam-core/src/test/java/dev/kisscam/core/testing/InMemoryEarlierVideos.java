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
    private record Entry(Kept kept, Instant until) {
    }

    private final int capacity;
    private final Map<PhotoSet, Entry> entries = new LinkedHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();

    public InMemoryEarlierVideos(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("room for at least one video");
        }
        this.capacity = capacity;
    }

    @Override
    public Optional<Kept> find(PhotoSet photos, Instant now) {
        lock.lock();
        try {
            Entry found = entries.get(photos);
            return found != null && now.isBefore(found.until()) ? Optional.of(found.kept()) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MediaKey> keep(PhotoSet photos, Kept kept, Instant until) {
        lock.lock();
        try {
            var released = new ArrayList<MediaKey>();
            Entry replaced = entries.remove(photos);
            if (replaced != null) {
                replaced.kept().keys().stream().filter(key -> !kept.keys().contains(key)).forEach(released::add);
            }
            entries.put(photos, new Entry(kept, until));
            var oldest = entries.entrySet().iterator();
            while (entries.size() > capacity) {
                released.addAll(oldest.next().getValue().kept().keys());
                oldest.remove();
            }
            return released;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<MediaKey> release(Instant now) {
        lock.lock();
        try {
            var released = new ArrayList<MediaKey>();
            entries.values().removeIf(entry -> {
                boolean expired = !now.isBefore(entry.until());
                if (expired) {
                    released.addAll(entry.kept().keys());
                }
                return expired;
            });
            return released;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean keeps(MediaKey key) {
        lock.lock();
        try {
            return entries.values().stream().anyMatch(entry -> entry.kept().keys().contains(key));
        } finally {
            lock.unlock();
        }
    }
}
