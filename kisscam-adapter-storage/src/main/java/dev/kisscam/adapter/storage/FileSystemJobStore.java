package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Jobs as one JSON file each under {@code STORAGE_PATH/jobs}, written so that {@code kill -9} at any moment
 * leaves every job in a state it was saved in:
 *
 * <pre>
 * active/&lt;id&gt;.json          unfinished jobs, and the latest version of any job being saved
 * finished/&lt;id&gt;.json        finished jobs, pruned after the retention period
 * delivered/&lt;sha256(requester)&gt;/&lt;id&gt;   one empty marker per delivered job, for countDelivered
 * corrupt/                  records that could not be read, moved aside for an operator
 * tmp/                      records being written; whatever is here at start is a crash's leftover
 * lock                      held while a store is open: one process per directory
 * </pre>
 *
 * <p>Every save writes the job to {@code active/} first (temporary file, fsync, rename, directory fsync), so
 * a file there is always the newest version. Finishing then sets or clears the delivered marker and renames
 * the record into {@code finished/}. Opening reads only {@code active/}, completing any finish a crash
 * interrupted, so start-up costs the unfinished jobs, not the history. Unfinished jobs are also kept in
 * memory (this store is the core's only copy of them); finished ones are read from disk when asked for.
 * Saves and updates of one job are serialised by a lock stripe, which is reentrant, so an update saves
 * under the lock it read under.
 */
public final class FileSystemJobStore implements JobStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FileSystemJobStore.class.getName());
    private static final String SUFFIX = ".json";
    private static final int LOCK_STRIPES = 64;

    private final Path root;
    private final Path active;
    private final Path finished;
    private final Path delivered;
    private final Path corrupt;
    private final Path tmp;
    private final Duration retention;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final Map<JobId, Job> unfinished = new ConcurrentHashMap<>();
    /** Saves of one job are serialised; saves of different jobs run in parallel. */
    private final ReentrantLock[] stripes = new ReentrantLock[LOCK_STRIPES];
    /** A requester's saves of drafts and active jobs are serialised, so the one-of-each rule holds. */
    private final ReentrantLock[] requesterStripes = new ReentrantLock[LOCK_STRIPES];
    /** Claims live in memory: one process owns this directory, so leases die with it. */
    private final Leases leases = new Leases();

    private FileSystemJobStore(Path root, Duration retention, Clock clock, FileChannel lockChannel) {
        this.root = root;
        this.active = root.resolve("active");
        this.finished = root.resolve("finished");
        this.delivered = root.resolve("delivered");
        this.corrupt = root.resolve("corrupt");
        this.tmp = root.resolve("tmp");
        this.retention = retention;
        this.clock = clock;
        this.lockChannel = lockChannel;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
            requesterStripes[i] = new ReentrantLock();
        }
    }

    public static FileSystemJobStore open(LocalStorageConfig config) {
        return open(config, Clock.systemUTC());
    }

    /**
     * Takes the directory's lock, deletes what a crash left half-written, loads the unfinished jobs (finishing
     * what a crash interrupted, moving unreadable records aside) and prunes finished jobs past the retention.
     *
     * @throws JobStoreException when the directory cannot be created or read, or another store has it open
     */
    public static FileSystemJobStore open(LocalStorageConfig config, Clock clock) {
        Path root = config.jobsPath();
        for (String dir : List.of("active", "finished", "delivered", "corrupt", "tmp")) {
            try {
                DurableFiles.createDirectories(root.resolve(dir));
            } catch (IOException e) {
                throw new JobStoreException("cannot create the directory " + root.resolve(dir) + ": "
                        + DurableFiles.reason(e), e);
            }
        }
        FileChannel lockChannel = lock(root.resolve("lock"));
        try {
            var store = new FileSystemJobStore(root, config.finishedJobRetention(), clock, lockChannel);
            store.deleteLeftovers();
            store.load();
            store.pruneFinished();
            return store;
        } catch (RuntimeException e) {
            closeQuietly(lockChannel, e);
            throw e;
        }
    }

    @Override
    public void save(Job job) {
        Objects.requireNonNull(job, "job");
        ReentrantLock requesterLock = requesterStripe(job.requester().id());
        ReentrantLock lock = stripe(job.id());
        requesterLock.lock();
        lock.lock();
        try {
            checkRules(job);
            Path activeFile = activeFile(job.id());
            write(activeFile, RecordCodec.encode(JobRecord.from(job)));
            if (job.state().finished()) {
                completeFinish(job);
            } else if (unfinished.put(job.id(), job) == null) {
                removeFinishedCopy(job);
            }
        } finally {
            lock.unlock();
            requesterLock.unlock();
        }
    }

    /** At most one active job and one draft per requester; checked under the requester's stripe. */
    private void checkRules(Job job) {
        boolean draft = job.state() instanceof JobState.Draft;
        if (!draft && !job.state().active()) {
            return;
        }
        boolean clash = unfinished.values().stream()
                .filter(other -> !other.id().equals(job.id()) && other.requester().id().equals(job.requester().id()))
                .anyMatch(other -> draft ? other.state() instanceof JobState.Draft : other.state().active());
        if (clash) {
            throw new RequesterBusy(job.requester().id());
        }
    }

    @Override
    public List<JobId> waiting(Instant now) {
        return unfinished().stream()
                .filter(job -> job.state() instanceof JobState.Queued && leases.free(job.id(), now))
                .map(Job::id).toList();
    }

    @Override
    public Optional<Job> claim(Work work, String owner, Instant now, Instant until) {
        return leases.claim(unfinished(), work, owner, now, until);
    }

    @Override
    public Set<JobId> renew(String owner, Collection<JobId> jobs, Instant until) {
        return leases.renew(owner, jobs, until, unfinished::containsKey);
    }

    @Override
    public void release(String owner, JobId job) {
        leases.release(owner, job);
    }

    @Override
    public void releaseAll(String owner) {
        leases.releaseAll(owner);
    }

    @Override
    public Optional<Job> update(JobId id, UnaryOperator<Job> change) {
        ReentrantLock lock = stripe(id);
        lock.lock();
        try {
            Optional<Job> next = find(id).map(change);
            next.ifPresent(this::save);
            return next;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        Job current = unfinished.get(id);
        if (current != null) {
            return Optional.of(current);
        }
        return read(finishedFile(id));
    }

    @Override
    public List<Job> unfinished() {
        return unfinished.values().stream().sorted(Comparator.comparingLong(Job::sequence)).toList();
    }

    @Override
    public List<Job> unfinishedOf(RequesterId requester) {
        return unfinished().stream().filter(job -> job.requester().id().equals(requester)).toList();
    }

    @Override
    public long countDelivered(RequesterId requester) {
        Path dir = delivered.resolve(SafeNames.hashed(requester.value()));
        try (Stream<Path> markers = Files.list(dir)) {
            return markers.count();
        } catch (NoSuchFileException nothingDelivered) {
            return 0;
        } catch (IOException e) {
            throw new JobStoreException("cannot list " + dir + ": " + DurableFiles.reason(e), e);
        }
    }

    /**
     * Deletes finished jobs, their delivered markers and set-aside records older than the retention period,
     * by file time, without reading them. Runs at open; call it now and then in a long-running process.
     *
     * @return how many finished jobs were deleted
     */
    public int pruneFinished() {
        Instant cutoff = clock.instant().minus(retention);
        int jobs = deleteOlderThan(finished, cutoff);
        deleteOlderThan(corrupt, cutoff);
        try (DirectoryStream<Path> requesters = Files.newDirectoryStream(delivered)) {
            for (Path dir : requesters) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && deleteOlderThan(dir, cutoff) > 0) {
                    deleteIfEmpty(dir);
                }
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot list " + delivered + ": " + DurableFiles.reason(e), e);
        }
        if (jobs > 0) {
            LOG.log(INFO, "pruned {0} job(s) finished before {1} from {2}", jobs, cutoff, finished);
        }
        return jobs;
    }

    /** Releases the directory's lock; the store must not be used afterwards. */
    @Override
    public void close() {
        try {
            lockChannel.close();
        } catch (IOException e) {
            LOG.log(WARNING, "cannot release the lock on " + root, e);
        }
    }

    private static FileChannel lock(Path lockFile) {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JobStoreException("cannot open " + lockFile + ": " + DurableFiles.reason(e), e);
        }
        JobStoreException failure;
        try {
            if (channel.tryLock() != null) {
                return channel; // the operating system releases it when the process dies, however it dies
            }
            failure = new JobStoreException(inUse(lockFile));
        } catch (OverlappingFileLockException e) {
            failure = new JobStoreException(inUse(lockFile), e);
        } catch (IOException e) {
            failure = new JobStoreException("cannot lock " + lockFile + ": " + DurableFiles.reason(e), e);
        }
        closeQuietly(channel, failure);
        throw failure;
    }

    private static String inUse(Path lockFile) {
        return "the job store " + lockFile.getParent() + " is already open in this or another process;"
                + " instances that run at the same time need a STORAGE_PATH each";
    }

    private void deleteLeftovers() {
        try {
            int leftovers = DurableFiles.deleteMatching(tmp, "*");
            if (leftovers > 0) {
                LOG.log(INFO, "deleted {0} half-written job record(s) an earlier run left in {1}", leftovers, tmp);
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot clean " + tmp + ": " + DurableFiles.reason(e), e);
        }
    }

    private void load() {
        List<Job> interruptedFinishes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(active, "*" + SUFFIX)) {
            for (Path file : files) {
                Optional<Job> read = read(file);
                if (read.isEmpty()) {
                    continue;
                }
                Job job = read.get();
                if (!file.equals(activeFile(job.id()))) {
                    setAside(file, "it holds job " + job.id());
                } else if (job.state().finished()) {
                    interruptedFinishes.add(job);
                } else {
                    unfinished.put(job.id(), job);
                    removeFinishedCopy(job);
                }
            }
        } catch (IOException e) {
            throw new JobStoreException("cannot list " + active + ": " + DurableFiles.reason(e), e);
        }
        interruptedFinishes.forEach(this::completeFinish);
        if (!interruptedFinishes.isEmpty()) {
            LOG.log(INFO, "completed {0} job finish(es) a crash interrupted", interruptedFinishes.size());
        }
    }

    /** The newest version sits in active/: record the delivery (or its absence), then move it to finished/. */
    private void completeFinish(Job job) {
        Path marker = markerFile(job);
        Path from = activeFile(job.id());
        Path to = finishedFile(job.id());
        try {
            if (job.state() instanceof JobState.Done) {
                DurableFiles.touch(marker);
            } else {
                DurableFiles.delete(marker);
            }
            DurableFiles.move(from, to);
        } catch (IOException e) {
            throw new JobStoreException("cannot finish job " + job.id() + " (" + from + " to " + to + "): "
                    + DurableFiles.reason(e), e);
        }
        unfinished.remove(job.id());
    }

    /**
     * A finished job saved as unfinished again replaces its finished version. The marker goes first: a crash
     * in between leaves the finished copy, which the next open removes, never a marker without its job.
     */
    private void removeFinishedCopy(Job job) {
        Path finishedFile = finishedFile(job.id());
        if (!Files.exists(finishedFile, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            DurableFiles.delete(markerFile(job));
            DurableFiles.delete(finishedFile);
        } catch (IOException e) {
            throw new JobStoreException("cannot remove the finished copy " + finishedFile + ": "
                    + DurableFiles.reason(e), e);
        }
    }

    private void write(Path file, byte[] bytes) {
        try {
            DurableFiles.write(file, tmp, bytes);
        } catch (IOException e) {
            throw new JobStoreException("cannot write " + file + ": " + DurableFiles.reason(e), e);
        }
    }

    /** The job in {@code file}; empty when there is none or it is unreadable (then it is moved aside). */
    private Optional<Job> read(Path file) {
        byte[] bytes;
        try {
            bytes = DurableFiles.readAll(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new JobStoreException("cannot read " + file + ": " + DurableFiles.reason(e), e);
        }
        try {
            return Optional.of(JobRecord.decode(bytes).toDomain());
        } catch (IOException | RuntimeException e) {
            setAside(file, e.toString());
            return Optional.empty();
        }
    }

    /** Moves an unreadable record to corrupt/ so it is neither lost nor read again; never fails the caller. */
    private void setAside(Path file, String why) {
        Path target = corrupt.resolve(file.getFileName() + "." + clock.millis() + "-" + UUID.randomUUID());
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.log(WARNING, "job record " + file + " is unreadable (" + why + "); moved it to " + target);
        } catch (IOException e) {
            LOG.log(WARNING, "job record " + file + " is unreadable (" + why + ") and cannot be moved to " + target
                    + " (" + DurableFiles.reason(e) + "); ignoring it");
        }
    }

    private static int deleteOlderThan(Path dir, Instant cutoff) {
        try {
            return DurableFiles.deleteOlderThan(dir, "*", cutoff);
        } catch (IOException e) {
            throw new JobStoreException("cannot prune " + dir + ": " + DurableFiles.reason(e), e);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException stillUsed) {
            // a delivery was recorded meanwhile, or older markers remain
        } catch (IOException e) {
            LOG.log(WARNING, "cannot remove the empty directory " + dir + ": " + DurableFiles.reason(e));
        }
    }

    private ReentrantLock stripe(JobId id) {
        return stripes[Math.floorMod(id.hashCode(), stripes.length)];
    }

    private ReentrantLock requesterStripe(RequesterId requester) {
        return requesterStripes[Math.floorMod(requester.hashCode(), requesterStripes.length)];
    }

    private Path activeFile(JobId id) {
        return SafeNames.resolveInside(active, id.value() + SUFFIX);
    }

    private Path finishedFile(JobId id) {
        return SafeNames.resolveInside(finished, id.value() + SUFFIX);
    }

    private Path markerFile(Job job) {
        return delivered.resolve(SafeNames.hashed(job.requester().id().value())).resolve(job.id().value());
    }

    private static void closeQuietly(FileChannel channel, Throwable reason) {
        try {
            channel.close();
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }
}
