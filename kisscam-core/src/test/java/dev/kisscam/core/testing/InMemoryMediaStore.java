package dev.kisscam.core.testing;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** A media store on the heap, for tests and for embedders trying the core out. */
public final class InMemoryMediaStore implements MediaStore {
    private final Map<MediaKey, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean failingReads = new AtomicBoolean();

    @Override
    public StoredMedia put(MediaKind kind, InputStream content) {
        failIfAsked();
        try (content) {
            byte[] bytes = content.readAllBytes();
            var key = new MediaKey(kind.name().toLowerCase() + "-" + UUID.randomUUID());
            blobs.put(key, bytes);
            return new StoredMedia(key, bytes.length);
        } catch (IOException | RuntimeException e) {
            throw new MediaStoreException("could not read the content to store", e);
        }
    }

    @Override
    public InputStream open(MediaKey key) {
        failIfAsked();
        if (failingReads.get()) {
            throw new MediaStoreException("in-memory store told to fail reads");
        }
        byte[] bytes = blobs.get(key);
        if (bytes == null) {
            throw new MediaStoreException.NotFound(key);
        }
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public long size(MediaKey key) {
        byte[] bytes = blobs.get(key);
        if (bytes == null) {
            throw new MediaStoreException.NotFound(key);
        }
        return bytes.length;
    }

    @Override
    public void delete(MediaKey key) {
        failIfAsked();
        blobs.remove(key);
    }

    /** Makes reads fail while writes still work, as a store whose GETs time out would, or heals it. */
    public void failingReads(boolean fail) {
        failingReads.set(fail);
    }

    /** Makes every later call fail as a broken disk would, or heals it. */
    public void failing(boolean fail) {
        failing.set(fail);
    }

    public boolean contains(MediaKey key) {
        return blobs.containsKey(key);
    }

    public int count() {
        return blobs.size();
    }

    public long countOf(MediaKind kind) {
        String prefix = kind.name().toLowerCase() + "-";
        return blobs.keySet().stream().filter(k -> k.value().startsWith(prefix)).count();
    }

    public byte[] bytes(MediaKey key) {
        byte[] bytes = blobs.get(key);
        if (bytes == null) {
            throw new MediaStoreException.NotFound(key);
        }
        return bytes.clone();
    }

    private void failIfAsked() {
        if (failing.get()) {
            throw new MediaStoreException("in-memory store told to fail");
        }
    }
}
