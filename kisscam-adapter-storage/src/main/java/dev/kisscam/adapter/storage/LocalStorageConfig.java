package dev.kisscam.adapter.storage;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the local media store keeps its files. A value that breaks a rule makes construction fail with
 * {@link InvalidConfiguration}, which lists every broken rule at once.
 *
 * <pre>
 * storagePath/media/      one file per stored photo or video, named by its key
 * tempPath/               media being written; moved into media/ once complete
 * </pre>
 *
 * <p>{@code storagePath/jobs/} and {@code storagePath/consent/} are where release 0.1 kept its job and consent
 * files, until the SQL adapter imports them; the temporary path may not lie there either.
 *
 * @param storagePath {@value #STORAGE_PATH}, default {@code ./storage}
 * @param tempPath {@value #TEMP_STORAGE_PATH}, default {@code storagePath/tmp}; best on the same filesystem as
 *     {@code storagePath}, so a finished upload is renamed into place rather than copied
 * @param mediaTtl how long stored media lives before the sweeper deletes it, default 24 hours
 */
public record LocalStorageConfig(Path storagePath, Path tempPath, Duration mediaTtl) {

    public static final String STORAGE_PATH = "STORAGE_PATH";
    public static final String TEMP_STORAGE_PATH = "TEMP_STORAGE_PATH";

    public static final Path DEFAULT_STORAGE_PATH = Path.of("storage");
    public static final Duration DEFAULT_MEDIA_TTL = Duration.ofHours(24);

    public LocalStorageConfig {
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(tempPath, "tempPath");
        Objects.requireNonNull(mediaTtl, "mediaTtl");
        storagePath = storagePath.toAbsolutePath().normalize();
        tempPath = tempPath.toAbsolutePath().normalize();
        var problems = new ArrayList<String>();
        if (!mediaTtl.isPositive()) {
            problems.add("the media TTL must be positive, was " + mediaTtl);
        }
        for (String storeDir : List.of("media", "jobs", "consent")) {
            if (tempPath.equals(storagePath) || tempPath.startsWith(storagePath.resolve(storeDir))) {
                problems.add(TEMP_STORAGE_PATH + " (" + tempPath + ") must not be " + STORAGE_PATH + " itself or lie inside"
                        + " its " + storeDir + " directory, where the stores keep their own files");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /** Everything under {@code storagePath} with the default temporary path and TTL. */
    public static LocalStorageConfig at(Path storagePath) {
        return new LocalStorageConfig(storagePath, storagePath.resolve("tmp"), DEFAULT_MEDIA_TTL);
    }

    /** {@code ./storage} with every default. */
    public static LocalStorageConfig defaults() {
        return at(DEFAULT_STORAGE_PATH);
    }

    public LocalStorageConfig withTempPath(Path path) {
        return new LocalStorageConfig(storagePath, path, mediaTtl);
    }

    public LocalStorageConfig withMediaTtl(Duration ttl) {
        return new LocalStorageConfig(storagePath, tempPath, ttl);
    }

    Path mediaPath() {
        return storagePath.resolve("media");
    }
}
