package dev.kisscam.adapter.sql;

import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.SpendLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The records the bot keeps, in one database: jobs, consents, quotas, the spend ledger and the repeat rule's
 * memory. {@link #open} connects and migrates the schema; close it last, after everything that uses the stores.
 */
public final class SqlStores implements AutoCloseable {
    private final Database db;
    private final Clock clock;
    private final SqlJobStore jobs;
    private final SqlConsentStore consents;
    private final SqlSpendLedger spends;

    private SqlStores(Database db, Clock clock, Duration finishedJobRetention) {
        this.db = db;
        this.clock = clock;
        this.jobs = new SqlJobStore(db, clock, finishedJobRetention);
        this.consents = new SqlConsentStore(db);
        this.spends = new SqlSpendLedger(db);
    }

    /**
     * @throws dev.kisscam.core.port.out.JobStoreException naming the database (never its password) when it cannot
     *     be reached or migrated, or a SQLite database is open in another process
     */
    public static SqlStores open(SqlConfig config, Clock clock) {
        return new SqlStores(Database.open(config), clock, config.finishedJobRetention());
    }

    public JobStore jobs() {
        return jobs;
    }

    public ConsentStore consents() {
        return consents;
    }

    public SpendLedger spendLedger() {
        return spends;
    }

    /** A quota of its own {@code name}: quotas of different names count apart. */
    public SqlQuota quota(String name, int limit, Duration period) {
        return new SqlQuota(db, name, limit, period);
    }

    public SqlEarlierVideos earlierVideos(int capacity) {
        return new SqlEarlierVideos(db, capacity);
    }

    /**
     * Imports the job and consent files an earlier release kept under {@code storagePath}, once, then moves
     * them aside; nothing to do when there are none.
     */
    public FileStoreImport.Outcome importFileStore(Path storagePath) {
        return FileStoreImport.run(db, storagePath, clock);
    }

    /** Deletes what no longer counts: jobs finished longer ago than the retention, quota windows that ended. */
    public int pruneFinished() {
        SqlQuota.pruneEnded(db, clock.instant());
        return jobs.pruneFinished();
    }

    /**
     * Asks the database the smallest question there is, for /health.
     *
     * @throws dev.kisscam.core.port.out.JobStoreException when it does not answer
     */
    public void probe() {
        db.read(JobStoreException::new, handle -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
    }

    /** Where the records are, without a password: for logs and /health. */
    public String location() {
        return db.location();
    }

    @Override
    public void close() {
        db.close();
    }
}
