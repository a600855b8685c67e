package dev.kisscam.adapter.sql;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upgrade from the file store of earlier releases: {@code STORAGE_PATH/jobs} (one JSON record per job in
 * {@code active/} and {@code finished/}) and {@code STORAGE_PATH/consent} (one JSON record per requester).
 * Their records go into the database in one transaction, then the directories are renamed aside
 * ({@code jobs.imported-<time>}), so the import happens once and the files stay for an operator to delete. A
 * crash before the rename imports the same records again at the next start, which changes nothing.
 */
public final class FileStoreImport {
    private static final System.Logger LOG = System.getLogger(FileStoreImport.class.getName());
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** What was imported; all zero when there was nothing to import. */
    public record Outcome(int unfinishedJobs, int finishedJobs, int consents, List<Path> unreadable, List<Path> movedTo) {
        public Outcome {
            unreadable = List.copyOf(unreadable);
            movedTo = List.copyOf(movedTo);
        }

        public boolean imported() {
            return !movedTo.isEmpty();
        }
    }

    /** A consent file as the earlier release wrote it. */
    record ConsentRecord(String requester, Instant consentedAt) {
    }

    private record FoundJob(Job job, Instant savedAt) {
    }

    private FileStoreImport() {
    }

    static Outcome run(Database db, Path storagePath, Clock clock) {
        Path jobsDir = storagePath.resolve("jobs");
        Path consentDir = storagePath.resolve("consent");
        boolean jobs = Files.isDirectory(jobsDir, LinkOption.NOFOLLOW_LINKS);
        boolean consent = Files.isDirectory(consentDir, LinkOption.NOFOLLOW_LINKS);
        if (!jobs && !consent) {
            return new Outcome(0, 0, 0, List.of(), List.of());
        }
        try (FileChannel ignored = jobs ? lockOf(jobsDir) : null) {
            var unreadable = new ArrayList<Path>();
            // finished/ first: a record in active/ is the newer version of the same job
            var found = new LinkedHashMap<JobId, FoundJob>();
            if (jobs) {
                readJobs(jobsDir.resolve("finished"), found, unreadable);
                readJobs(jobsDir.resolve("active"), found, unreadable);
            }
            Map<RequesterId, Instant> consents = consent ? readConsents(consentDir, unreadable) : Map.of();
            db.write(JobStoreException::new, handle -> {
                for (FoundJob job : found.values()) {
                    SqlJobStore.upsert(handle, job.job(), job.savedAt());
                }
                consents.forEach((requester, at) -> SqlConsentStore.insert(handle, requester, at));
                return null;
            });
            String suffix = ".imported-" + SUFFIX.format(clock.instant());
            var movedTo = new ArrayList<Path>();
            for (Path dir : jobs && consent ? List.of(jobsDir, consentDir) : List.of(jobs ? jobsDir : consentDir)) {
                Path aside = dir.resolveSibling(dir.getFileName() + suffix);
                Files.move(dir, aside);
                movedTo.add(aside);
            }
            int unfinished = (int) found.values().stream().filter(j -> !j.job().state().finished()).count();
            var outcome = new Outcome(unfinished, found.size() - unfinished, consents.size(), unreadable, movedTo);
            LOG.log(System.Logger.Level.INFO, "imported {0} unfinished and {1} finished job(s) and {2} consent(s) from the"
                    + " file store under {3} into {4}; the files are kept in {5}{6}", outcome.unfinishedJobs(),
                    outcome.finishedJobs(), outcome.consents(), storagePath, db.location(), movedTo,
                    unreadable.isEmpty() ? "" : "; these records were unreadable and not imported: " + unreadable);
            return outcome;
        } catch (IOException e) {
            throw new JobStoreException("cannot import the file store under " + storagePath + ": " + e, e);
        }
    }

    /** The earlier release's lock on its job directory: while a bot of that release runs, importing would race it. */
    private static FileChannel lockOf(Path jobsDir) throws IOException {
        Path lockFile = jobsDir.resolve("lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new JobStoreException("the file store " + jobsDir + " is in use by a running bot of an earlier release;"
                    + " stop it, then start this one to import its jobs");
        }
        return channel;
    }

    private static void readJobs(Path dir, Map<JobId, FoundJob> found, List<Path> unreadable) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    Job job = JobRecord.decode(Files.readAllBytes(file)).toDomain();
                    found.put(job.id(), new FoundJob(job, Files.getLastModifiedTime(file).toInstant()));
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "job record " + file + " is unreadable (" + e + "); not imported");
                    unreadable.add(file);
                }
            }
        }
    }

    private static Map<RequesterId, Instant> readConsents(Path dir, List<Path> unreadable) throws IOException {
        var consents = new LinkedHashMap<RequesterId, Instant>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    var record = RecordCodec.decode(Files.readAllBytes(file), ConsentRecord.class);
                    consents.put(new RequesterId(record.requester()), record.consentedAt());
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "consent record " + file + " is unreadable (" + e + "); not imported");
                    unreadable.add(file);
                }
            }
        }
        return consents;
    }
}
