package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.kisscam.core.domain.MediaKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Deletes media that is older than a TTL and that no job uses any more, and partial uploads abandoned as
 * long, so media a job forgot (a crash between storing and deleting, say) does not pile up.
 *
 * <p>Age only makes media a candidate. A job that waited in the queue, or was retried, for longer than the TTL
 * still needs its photos, and the repeat rule keeps videos to send again; so each candidate is kept when
 * {@code inUse} claims its key. The sweeper asks just before deleting each one, not once per sweep, so media
 * a job took while a sweep was running is kept too.
 *
 * <p>Nothing is swept until {@link #start}, which the application calls once the unfinished jobs have
 * resumed; {@link #sweepOnce} is the same work, for tests and one-off runs.
 */
public final class MediaSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MediaSweeper.class.getName());

    private final ExpiringMedia media;
    private final Duration ttl;
    private final Clock clock;
    private final Predicate<MediaKey> inUse;
    private Thread thread;

    MediaSweeper(ExpiringMedia media, Duration ttl, Clock clock, Predicate<MediaKey> inUse) {
        this.media = Objects.requireNonNull(media, "media");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inUse = Objects.requireNonNull(inUse, "inUse");
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("the media TTL must be positive, was " + ttl);
        }
    }

    /**
     * A sweeper for local media; it does nothing until {@link #start}.
     *
     * @param inUse whether a job still needs the media with this key: true for every photo and video an
     *     unfinished job references, and for the videos the repeat rule keeps. Asked about each key past the
     *     TTL, just before it would be deleted, on the sweeper's thread, so it must be thread-safe and cheap;
     *     if it throws, the sweep ends there, keeping the rest, and the next sweep tries again.
     */
    public static MediaSweeper of(FileSystemMediaStore store, Duration ttl, Clock clock, Predicate<MediaKey> inUse) {
        return new MediaSweeper(store, ttl, clock, inUse);
    }

    /** A sweeper for media on S3; {@code inUse} as for local media. */
    public static MediaSweeper of(S3MediaStore store, Duration ttl, Clock clock, Predicate<MediaKey> inUse) {
        return new MediaSweeper(store, ttl, clock, inUse);
    }

    /**
     * Deletes what was last written more than the TTL ago and is not in use.
     *
     * @return how many blobs were deleted
     * @throws dev.kisscam.core.port.out.MediaStoreException when the store cannot be listed
     */
    public int sweepOnce() {
        Instant cutoff = clock.instant().minus(ttl);
        int deleted = media.deleteUnusedOlderThan(cutoff, inUse);
        if (deleted > 0) {
            LOG.log(INFO, "deleted {0} unused media file(s) written before {1} from {2}", deleted, cutoff,
                    media.location());
        }
        return deleted;
    }

    /**
     * Sweeps now and then every {@code interval} until {@link #close}; a failed sweep is logged and retried
     * next time. Call it once the unfinished jobs have resumed, when {@code inUse} knows all they use.
     */
    public synchronized void start(Duration interval) {
        if (!interval.isPositive()) {
            throw new IllegalArgumentException("the sweep interval must be positive, was " + interval);
        }
        if (thread != null) {
            throw new IllegalStateException("the media sweeper is already running");
        }
        thread = Thread.ofVirtual().name("kisscam-media-sweeper").start(() -> run(interval));
    }

    /** Stops the periodic sweep and waits for a sweep in progress to end. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
        }
        if (running == null) {
            return;
        }
        running.interrupt();
        try {
            running.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(Duration interval) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                sweepOnce();
            } catch (RuntimeException e) {
                LOG.log(WARNING, "sweeping " + media.location() + " failed; trying again in " + interval, e);
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // close() asked us to stop; the loop condition ends the run
            }
        }
    }
}
