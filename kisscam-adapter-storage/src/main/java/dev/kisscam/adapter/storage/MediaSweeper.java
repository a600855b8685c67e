package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes media older than a TTL, and partial uploads abandoned as long, so media a job forgot (a crash
 * between storing and deleting, say) does not pile up. {@link #start} sweeps at once and then every
 * interval on a virtual thread; {@link #sweepOnce} is the same work, for tests and one-off runs.
 */
public final class MediaSweeper implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MediaSweeper.class.getName());

    private final ExpiringMedia media;
    private final Duration ttl;
    private final Clock clock;
    private Thread thread;

    MediaSweeper(ExpiringMedia media, Duration ttl, Clock clock) {
        this.media = Objects.requireNonNull(media, "media");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("the media TTL must be positive, was " + ttl);
        }
    }

    public static MediaSweeper of(FileSystemMediaStore store, Duration ttl, Clock clock) {
        return new MediaSweeper(store, ttl, clock);
    }

    public static MediaSweeper of(S3MediaStore store, Duration ttl, Clock clock) {
        return new MediaSweeper(store, ttl, clock);
    }

    /**
     * Deletes everything last written more than the TTL ago.
     *
     * @return how many blobs were deleted
     * @throws dev.kisscam.core.port.out.MediaStoreException when the store cannot be listed
     */
    public int sweepOnce() {
        Instant cutoff = clock.instant().minus(ttl);
        int deleted = media.deleteOlderThan(cutoff);
        if (deleted > 0) {
            LOG.log(INFO, "deleted {0} media file(s) written before {1} from {2}", deleted, cutoff, media.location());
        }
        return deleted;
    }

    /** Sweeps now and then every {@code interval} until {@link #close}; a failed sweep is logged and retried next time. */
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
