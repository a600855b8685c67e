package dev.kisscam.adapter.storage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the local stores keep their files. A value that breaks a rule makes construction fail with
 * {@link InvalidStorageConfig}, which lists every broken rule at once.
 *
 * <pre>
 * storagePath/media/      one file per stored photo or video, named by its key
 * storagePath/jobs/       the job store (see {@link FileSystemJobStore})
 * storagePath/consent/    one record per requester who gave consent
 * tempPath/               media being written; moved into media/ once complete
 * </pre>
 *
 * @param storagePath {@value #STORAGE_PATH}, default {@code ./storage}
 * @param tempPath {@value #TEMP_STORAGE_PATH}, default {@code storagePath/tmp}; best on the same filesystem as
 *     {@code storagePath}, so a finished upload is renamed into place rather than copied
 * @param mediaTtl how long stored media lives before the sweeper deletes it, default 24 hours
 * @param finishedJobRetention how long finished jobs are kept (and counted as delivered), default 30 days
 */
public record LocalStorageConfig(Path storagePath, Path tempPath, Duration mediaTtl, Duration finishedJobRetention) {

    public static final String STORAGE_PATH = "STORAGE_PATH";
    public static final String TEMP_STORAGE_PATH = "TEMP_STORAGE_PATH";

    public static final Path DEFAULT_STORAGE_PATH = Path.of("storage");
    public static final Duration DEFAULT_MEDIA_TTL = Duration.ofHours(24);
    public static final Duration DEFAULT_FINISHED_JOB_RETENTION = Duration.ofDays(30);

    public LocalStorageConfig {
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(tempPath, "tempPath");
        Objects.requireNonNull(mediaTtl, "mediaTtl");
        Objects.requireNonNull(finishedJobRetention, "finishedJobRetention");
        storagePath = storagePath.toAbsolutePath().normalize();
        tempPath = tempPath.toAbsolutePath().normalize();
        var problems = new ArrayList<String>();
        if (!mediaTtl.isPositive()) {
            problems.add("the media TTL must be positive, was " + mediaTtl);
        }
        if (!finishedJobRetention.isPositive()) {
            problems.add("the finished-job retention must be positive, was " + finishedJobRetention);
        }
        for (String storeDir : List.of("media", "jobs", "consent")) {
            if (tempPath.equals(storagePath) || tempPath.startsWith(storagePath.resolve(storeDir))) {
                problems.add(TEMP_STORAGE_PATH + " (" + tempPath + ") must not be " + STORAGE_PATH + " itself or lie inside"
                        + " its " + storeDir + " directory, where the stores keep their own files");
                break;
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidStorageConfig(problems);
        }
    }

    /** Everything under {@code storagePath} with the default temporary path, TTL and retention. */
    public static LocalStorageConfig at(Path storagePath) {
        return new LocalStorageConfig(storagePath, storagePath.resolve("tmp"), DEFAULT_MEDIA_TTL,
                DEFAULT_FINISHED_JOB_RETENTION);
    }

    /** {@code ./storage} with every default. */
    public static LocalStorageConfig defaults() {
        return at(DEFAULT_STORAGE_PATH);
    }

    public LocalStorageConfig withTempPath(Path path) {
        return new LocalStorageConfig(storagePath, path, mediaTtl, finishedJobRetention);
    }

    public LocalStorageConfig withMediaTtl(Duration ttl) {
        return new LocalStorageConfig(storagePath, tempPath, ttl, finishedJobRetention);
    }

    public LocalStorageConfig withFinishedJobRetention(Duration retention) {
        return new LocalStorageConfig(storagePath, tempPath, mediaTtl, retention);
    }

    Path mediaPath() {
        return storagePath.resolve("media");
    }

    Path jobsPath() {
        return storagePath.resolve("jobs");
    }

    Path consentPath() {
        return storagePath.resolve("consent");
    }
}
