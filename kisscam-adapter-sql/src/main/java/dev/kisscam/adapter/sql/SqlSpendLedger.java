package dev.kisscam.adapter.sql;

import static dev.kisscam.adapter.sql.Database.nanos;

import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.SpendLedger;
import java.time.Duration;
import java.time.Instant;

/**
 * Every charge as a row, shared by the processes that share the database, so a daily budget is the account's
 * day. Keeps 40 days, enough for this month and today.
 */
final class SqlSpendLedger implements SpendLedger {
    static final Duration KEPT = Duration.ofDays(40);

    private final Database db;

    SqlSpendLedger(Database db) {
        this.db = db;
    }

    @Override
    public void record(Spend spend, Instant at) {
        db.write(JobStoreException::new, handle -> {
            handle.createUpdate("INSERT INTO spends (spent_at, model, usd_ticks) VALUES (:at, :model, :ticks)")
                    .bind("at", nanos(at)).bind("model", spend.model()).bind("ticks", spend.usdTicks()).execute();
            return handle.createUpdate("DELETE FROM spends WHERE spent_at < :oldest")
                    .bind("oldest", nanos(at.minus(KEPT))).execute();
        });
    }

    @Override
    public long ticksBetween(Instant from, Instant to) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT COALESCE(SUM(usd_ticks), 0) FROM spends WHERE spent_at >= :from AND spent_at < :to")
                .bind("from", nanos(from)).bind("to", nanos(to)).mapTo(Long.class).one());
    }
}
