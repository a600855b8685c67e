package dev.kisscam.app.wiring;

import dev.kisscam.adapter.sql.SqlStores;
import dev.kisscam.adapter.storage.MediaSweeper;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.time.Duration;
import java.util.Map;

/**
 * What a storage backend needs besides its ports: periodic upkeep (media past its TTL, finished job records
 * past their retention) and a health check of the media store and the database. The stores themselves are
 * released by whoever registered them, after this upkeep has stopped.
 */
public final class StorageUpkeep implements HealthCheck, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StorageUpkeep.class.getName());
    static final Duration SWEEP_INTERVAL = Duration.ofMinutes(15);
    static final Duration PROBE_EVERY = Duration.ofSeconds(15);
    /** A key no store ever hands out (they make random ones), so asking for it proves the store answers. */
    private static final MediaKey PROBE = new MediaKey("health-probe");

    private final MediaStore media;
    private final String location;
    private final MediaSweeper sweeper;
    private final SqlStores records;
    private volatile Thread pruner;
    private Status lastProbe;
    private long probedAt;

    public StorageUpkeep(MediaStore media, String location, MediaSweeper sweeper, SqlStores records) {
        this.media = media;
        this.location = location;
        this.sweeper = sweeper;
        this.records = records;
    }

    public synchronized void start() {
        sweeper.start(SWEEP_INTERVAL);
        pruner = Thread.ofVirtual().name("kisscam-job-pruner").start(this::pruneForever);
    }

    private void pruneForever() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int pruned = records.pruneFinished();
                if (pruned > 0) {
                    LOG.log(System.Logger.Level.INFO, "pruned " + pruned + " finished job record(s)");
                }
                Thread.sleep(SWEEP_INTERVAL);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "pruning finished jobs failed; trying again later: " + e.getMessage());
            }
        }
    }

    @Override
    public String name() {
        return "storage";
    }

    /** Asks the store at most once per {@link #PROBE_EVERY}: /health may be asked often, and S3 calls cost. */
    @Override
    public synchronized Status check() {
        long now = System.nanoTime();
        if (lastProbe == null || now - probedAt > PROBE_EVERY.toNanos()) {
            lastProbe = probe();
            probedAt = now;
        }
        return lastProbe;
    }

    private Status probe() {
        try {
            media.size(PROBE);
        } catch (MediaStoreException.NotFound expected) {
            // the store answered
        } catch (MediaStoreException e) {
            return Status.down("media store at " + location + ": " + e.getMessage());
        }
        try {
            records.probe();
        } catch (JobStoreException e) {
            return Status.down(e.getMessage());
        }
        return Status.up(Map.of("media", location, "records", records.location()));
    }

    /** Stops the upkeep; the stores stay open for whoever closes them next. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            running = pruner;
            pruner = null;
        }
        if (running != null) {
            running.interrupt();
        }
        sweeper.close();
    }
}
