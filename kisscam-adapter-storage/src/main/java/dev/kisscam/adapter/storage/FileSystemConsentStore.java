package dev.kisscam.adapter.storage;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.ConsentStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Consent as one small JSON file per requester under {@code STORAGE_PATH/consent}, named by a hash of the
 * requester id and written like the job store's records (temporary file, fsync, rename, directory fsync).
 * The file's existence is the consent; its content (who, when) is for an operator. Consent is never
 * withdrawn here, so a positive answer is remembered in memory.
 */
public final class FileSystemConsentStore implements ConsentStore {

    private final Path dir;
    private final Path tmp;
    private final Set<RequesterId> known = ConcurrentHashMap.newKeySet();

    private FileSystemConsentStore(Path dir) {
        this.dir = dir;
        this.tmp = dir.resolve("tmp");
    }

    /**
     * Creates the directory if needed and deletes records a crash left half-written.
     *
     * @throws ConsentStoreException naming the directory that cannot be created or cleaned
     */
    public static FileSystemConsentStore open(LocalStorageConfig config) {
        var store = new FileSystemConsentStore(config.consentPath());
        try {
            DurableFiles.createDirectories(store.tmp);
            DurableFiles.deleteMatching(store.tmp, "*");
        } catch (IOException e) {
            throw new ConsentStoreException("cannot prepare " + store.tmp + ": " + DurableFiles.reason(e), e);
        }
        return store;
    }

    @Override
    public boolean hasConsented(RequesterId requester) {
        Objects.requireNonNull(requester, "requester");
        if (known.contains(requester)) {
            return true;
        }
        if (Files.exists(fileOf(requester), LinkOption.NOFOLLOW_LINKS)) {
            known.add(requester);
            return true;
        }
        return false;
    }

    /** Keeps the first confirmation's time; recording it again changes nothing. */
    @Override
    public void recordConsent(RequesterId requester, Instant at) {
        Objects.requireNonNull(at, "at");
        if (hasConsented(requester)) {
            return;
        }
        Path file = fileOf(requester);
        try {
            DurableFiles.write(file, tmp, RecordCodec.encode(new ConsentRecord(requester.value(), at)));
        } catch (IOException e) {
            throw new ConsentStoreException("cannot write " + file + ": " + DurableFiles.reason(e), e);
        }
        known.add(requester);
    }

    private Path fileOf(RequesterId requester) {
        return dir.resolve(SafeNames.hashed(requester.value()) + ".json");
    }

    record ConsentRecord(String requester, Instant consentedAt) {
    }
}
