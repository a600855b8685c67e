package dev.kisscam.adapter.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the log when Redis stops answering for something asked every second, and when it answers again, instead
 * of once a second in between.
 */
final class Outage {
    private static final System.Logger LOG = System.getLogger(Outage.class.getName());

    private final String what;
    private final AtomicBoolean down = new AtomicBoolean();

    Outage(String what) {
        this.what = what;
    }

    void failed(RedisUnavailable e) {
        if (down.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, e.getMessage() + "; " + what + " until it answers again");
        }
    }

    void answered() {
        if (down.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "Redis answers again: " + what + " no longer");
        }
    }
}
