package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.INFO;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Photos and videos as files under {@code STORAGE_PATH/media}, one per key. A put streams into a temporary
 * file under {@code TEMP_STORAGE_PATH}, fsyncs it and renames it into place, so a reader never sees half a
 * file and a crash leaves only an orphaned temporary file, which the next {@link #open} deletes.
 *
 * <p>Keys are {@code photo-<uuid>} or {@code video-<uuid>}, made here. A key is only ever resolved to a
 * file directly inside the media directory, and symbolic links are never followed, so no key can reach a
 * file outside it. One process per storage path: opening deletes every temporary file it finds.
 */
public final class FileSystemMediaStore implements MediaStore, ExpiringMedia {

    private static final System.Logger LOG = System.getLogger(FileSystemMediaStore.class.getName());
    private static final String PART_PREFIX = "put-";
    private static final String PART_SUFFIX = ".part";
    /** A file copied in from another filesystem waits under this prefix; no key can start with a dot. */
    private static final String STAGING_PREFIX = ".";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path mediaDir;
    private final Path tempDir;

    private FileSystemMediaStore(Path mediaDir, Path tempDir) {
        this.mediaDir = mediaDir;
        this.tempDir = tempDir;
    }

    /**
     * Creates the media and temporary directories if needed and deletes the partial files a previous run
     * left behind.
     *
     * @throws MediaStoreException naming the directory that cannot be created or cleaned
     */
    public static FileSystemMediaStore open(LocalStorageConfig config) {
        var store = new FileSystemMediaStore(config.mediaPath(), config.tempPath());
        store.createDirectory(store.mediaDir);
        store.createDirectory(store.tempDir);
        int orphans = store.deleteOrphans(store.tempDir, PART_PREFIX + "*" + PART_SUFFIX)
                + store.deleteOrphans(store.mediaDir, STAGING_PREFIX + "*" + PART_SUFFIX);
        if (orphans > 0) {
            LOG.log(INFO, "deleted {0} partial media file(s) an earlier run left in {1}", orphans, store.tempDir);
        }
        return store;
    }

    @Override
    public StoredMedia put(MediaKind kind, InputStream content) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
        MediaKey key = Uploads.newKey(kind);
        try {
            Path part = createPart();
            try {
                long size = copy(content, part);
                moveIntoPlace(part, fileOf(key));
                return new StoredMedia(key, size);
            } catch (RuntimeException e) {
                DurableFiles.deleteQuietly(part, e);
                throw e;
            }
        } finally {
            Uploads.closeQuietly(content);
        }
    }

    @Override
    public InputStream open(MediaKey key) {
        Path file = fileOf(key);
        try {
            return new BufferedInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS), BUFFER_BYTES);
        } catch (NoSuchFileException e) {
            throw new MediaStoreException.NotFound(key);
        } catch (IOException e) {
            throw new MediaStoreException("cannot read " + file + ": " + DurableFiles.reason(e), e);
        }
    }

    @Override
    public long size(MediaKey key) {
        Path file = fileOf(key);
        try {
            var attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw new MediaStoreException.NotFound(key);
            }
            return attributes.size();
        } catch (NoSuchFileException e) {
            throw new MediaStoreException.NotFound(key);
        } catch (IOException e) {
            throw new MediaStoreException("cannot read " + file + ": " + DurableFiles.reason(e), e);
        }
    }

    @Override
    public void delete(MediaKey key) {
        Path file = fileOf(key);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new MediaStoreException("cannot delete " + file + ": " + DurableFiles.reason(e), e);
        }
    }

    @Override
    public int deleteUnusedOlderThan(Instant cutoff, Predicate<MediaKey> inUse) {
        return deleteOlderThan(mediaDir, "*", cutoff, file -> Uploads.isInUse(file.getFileName().toString(), inUse))
                + deleteOlderThan(tempDir, PART_PREFIX + "*" + PART_SUFFIX, cutoff, part -> false);
    }

    @Override
    public String location() {
        return mediaDir.toString();
    }

    private Path fileOf(MediaKey key) {
        try {
            return SafeNames.resolveInside(mediaDir, key.value());
        } catch (IllegalArgumentException outside) {
            throw new MediaStoreException.NotFound(key);
        }
    }

    private Path createPart() {
        try {
            return Files.createTempFile(tempDir, PART_PREFIX, PART_SUFFIX);
        } catch (IOException e) {
            throw new MediaStoreException("cannot create a temporary file in " + tempDir + ": " + DurableFiles.reason(e), e);
        }
    }

    private static long copy(InputStream content, Path part) {
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        try (FileOutputStream out = DurableFiles.openForWriting(part)) {
            for (int n; (n = read(content, buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                total += n;
            }
            DurableFiles.sync(out);
            return total;
        } catch (IOException e) {
            throw new MediaStoreException("cannot write " + part + ": " + DurableFiles.reason(e), e);
        }
    }

    private static int read(InputStream content, byte[] buffer) {
        try {
            return content.read(buffer);
        } catch (IOException | RuntimeException e) {
            throw new MediaStoreException("could not read the content to store", e);
        }
    }

    private void moveIntoPlace(Path part, Path target) {
        try {
            DurableFiles.move(part, target);
        } catch (AtomicMoveNotSupportedException otherFilesystem) {
            copyIntoPlace(part, target);
        } catch (IOException e) {
            throw new MediaStoreException("cannot move " + part + " to " + target + ": " + DurableFiles.reason(e), e);
        }
    }

    /** The temporary directory is on another filesystem: copy next to the target, then rename in one step. */
    private void copyIntoPlace(Path part, Path target) {
        Path staging = mediaDir.resolve(STAGING_PREFIX + target.getFileName() + PART_SUFFIX);
        try {
            Files.copy(part, staging);
            DurableFiles.syncFile(staging);
            DurableFiles.move(staging, target);
            Files.delete(part);
        } catch (IOException e) {
            DurableFiles.deleteQuietly(staging, e);
            throw new MediaStoreException("cannot copy " + part + " to " + target + ": " + DurableFiles.reason(e), e);
        }
    }

    private void createDirectory(Path dir) {
        try {
            DurableFiles.createDirectories(dir);
        } catch (IOException e) {
            throw new MediaStoreException("cannot create the directory " + dir + ": " + DurableFiles.reason(e), e);
        }
    }

    private int deleteOrphans(Path dir, String glob) {
        try {
            return DurableFiles.deleteMatching(dir, glob);
        } catch (IOException e) {
            throw new MediaStoreException("cannot clean " + dir + ": " + DurableFiles.reason(e), e);
        }
    }

    private static int deleteOlderThan(Path dir, String glob, Instant cutoff, Predicate<Path> keep) {
        try {
            return DurableFiles.deleteOlderThan(dir, glob, cutoff, keep);
        } catch (IOException e) {
            throw new MediaStoreException("cannot list " + dir + ": " + DurableFiles.reason(e), e);
        }
    }
}
