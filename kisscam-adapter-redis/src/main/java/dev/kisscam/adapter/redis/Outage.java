package dev.kisscam.adapter.redis;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tells the log when Redis stops answering for something asked many times a second, and what is done meanwhile,
 * and when it answers again: two lines per outage instead of one a call.
 */
public final class Outage {
    private static final System.Logger LOG = System.getLogger(Outage.class.getName());

    private final String meanwhile;
    private final AtomicBoolean down = new AtomicBoolean();

    /** @param meanwhile what is done while Redis does not answer, as in "pacing calls in this process" */
    public Outage(String meanwhile) {
        this.meanwhile = meanwhile;
    }

    /** What Redis answers to {@code redis}; while it does not answer, what {@code meanwhile} gives instead. */
    public <T> T answer(Supplier<T> redis, Supplier<T> meanwhile) {
        try {
            T answer = redis.get();
            over();
            return answer;
        } catch (RedisUnavailable e) {
            begun(e);
            return meanwhile.get();
        }
    }

    /** Has Redis do {@code redis}; while it does not answer, does {@code meanwhile} instead. */
    public void run(Runnable redis, Runnable meanwhile) {
        answer(() -> {
            redis.run();
            return null;
        }, () -> {
            meanwhile.run();
            return null;
        });
    }

    public void begun(RedisUnavailable e) {
        if (down.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, e.getMessage() + "; " + meanwhile + " until it answers again");
        }
    }

    public void over() {
        if (down.compareAndSet(true, false)) {
            LOG.log(Level.INFO, "Redis answers again; no longer " + meanwhile);
        }
    }
}
