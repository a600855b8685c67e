package dev.kisscam.adapter.sql;

import static dev.kisscam.adapter.sql.Database.nanos;

import dev.kisscam.core.domain.QuotaStatus;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.Quota;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A fixed window per requester that opens with their first job, as a row of the named quota: it survives a
 * restart and holds across every process sharing the database. Each step is one statement, so it is atomic
 * whoever runs it: a window that ended is opened afresh, and a job is granted only while the count is below
 * the limit.
 */
public final class SqlQuota implements Quota {
    private final Database db;
    private final String name;
    private final int limit;
    private final Duration period;

    SqlQuota(Database db, String name, int limit, Duration period) {
        if (limit < 0 || !period.isPositive()) {
            throw new IllegalArgumentException("a quota needs limit >= 0 and a positive period");
        }
        this.db = db;
        this.name = name;
        this.limit = limit;
        this.period = period;
    }

    private record Window(int used, long end) {
    }

    @Override
    public QuotaStatus status(RequesterId requester, Instant now) {
        Optional<Window> window = db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT used, window_end FROM quota_windows WHERE quota = :quota AND requester = :requester")
                .bind("quota", name).bind("requester", requester.value())
                .map((rows, context) -> new Window(rows.getInt("used"), rows.getLong("window_end"))).findOne());
        return window.filter(open -> open.end() > nanos(now))
                .map(open -> new QuotaStatus(open.used(), limit, Database.instant(open.end())))
                .orElseGet(() -> new QuotaStatus(0, limit, now.plus(period)));
    }

    @Override
    public boolean tryConsume(RequesterId requester, Instant now) {
        return db.write(JobStoreException::new, handle -> {
            handle.createUpdate("""
                            INSERT INTO quota_windows (quota, requester, used, window_end) VALUES (:quota, :requester, 0, :end)
                            ON CONFLICT (quota, requester) DO UPDATE SET used = 0, window_end = excluded.window_end
                            WHERE quota_windows.window_end <= :now""")
                    .bind("quota", name).bind("requester", requester.value())
                    .bind("end", nanos(now.plus(period))).bind("now", nanos(now)).execute();
            return handle.createUpdate("UPDATE quota_windows SET used = used + 1"
                            + " WHERE quota = :quota AND requester = :requester AND used < :limit AND window_end > :now")
                    .bind("quota", name).bind("requester", requester.value()).bind("limit", limit)
                    .bind("now", nanos(now)).execute() == 1;
        });
    }

    @Override
    public void refund(RequesterId requester, Instant now) {
        db.write(JobStoreException::new, handle -> handle.createUpdate("UPDATE quota_windows SET used = used - 1"
                        + " WHERE quota = :quota AND requester = :requester AND used > 0 AND window_end > :now")
                .bind("quota", name).bind("requester", requester.value()).bind("now", nanos(now)).execute());
    }

    /** Requesters whose window is open at {@code now}; for the active-users gauge. */
    public long activeRequesters(Instant now) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT COUNT(*) FROM quota_windows WHERE quota = :quota AND window_end > :now")
                .bind("quota", name).bind("now", nanos(now)).mapTo(Long.class).one());
    }

    /** Forgets every window (of every quota) that ended before {@code now}; they count for nothing any more. */
    static int pruneEnded(Database db, Instant now) {
        return db.write(JobStoreException::new, handle -> handle
                .createUpdate("DELETE FROM quota_windows WHERE window_end <= :now").bind("now", nanos(now)).execute());
    }
}
