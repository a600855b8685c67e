package dev.kisscam.app.wiring;

import dev.kisscam.adapter.storage.MediaSweeper;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What a storage backend needs besides its ports: periodic upkeep (media past its TTL, finished job records
 * past their retention) and a health check. The stores themselves are released by whoever registered them,
 * after this upkeep has stopped.
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
    /** Deletes finished records past their retention; returns how many jobs went. */
    private final IntSupplier pruneRecords;
    private volatile Thread pruner;
    private Status lastProbe;
    private long probedAt;

    public StorageUpkeep(MediaStore media, String location, MediaSweeper sweeper, IntSupplier pruneRecords) {
        this.media = media;
        this.location = location;
        this.sweeper = sweeper;
        this.pruneRecords = pruneRecords;
    }

    public synchronized void start() {
        sweeper.start(SWEEP_INTERVAL);
        pruner = Thread.ofVirtual().name("kisscam-job-pruner").start(this::pruneForever);
    }

    private void pruneForever() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                int pruned = pruneRecords.getAsInt();
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
            return Status.up(Map.of("media", location));
        } catch (MediaStoreException.NotFound expected) {
            return Status.up(Map.of("media", location));
        } catch (MediaStoreException e) {
            return Status.down("media store at " + location + ": " + e.getMessage());
        }
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
