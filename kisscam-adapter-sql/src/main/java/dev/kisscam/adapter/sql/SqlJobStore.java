package dev.kisscam.adapter.sql;

import static dev.kisscam.adapter.sql.Database.nanos;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * Jobs as rows: the job's JSON record as the body, beside the columns the store asks about. The rules every
 * process keeps hold in the database itself: one active job and one draft per requester by a unique index, and
 * claims by a lease on the row, taken in one transaction that skips rows another claimer holds ({@code FOR
 * UPDATE SKIP LOCKED} on PostgreSQL; on SQLite the transaction is the only writer).
 */
final class SqlJobStore implements JobStore {
    private static final System.Logger LOG = System.getLogger(SqlJobStore.class.getName());

    private static final String UPSERT = """
            INSERT INTO jobs (id, seq, requester, place, work, queued, finished, delivered, finished_at, body)
            VALUES (:id, :seq, :requester, :place, :work, :queued, :finished, :delivered, :finishedAt, :body)
            ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, requester = excluded.requester, place = excluded.place,
                work = excluded.work, queued = excluded.queued, finished = excluded.finished,
                delivered = excluded.delivered, finished_at = excluded.finished_at, body = excluded.body""";
    private static final String FREE = "(lease_until IS NULL OR lease_until < :now)";

    private final Database db;
    private final Clock clock;
    private final Duration retention;

    SqlJobStore(Database db, Clock clock, Duration retention) {
        this.db = db;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void save(Job job) {
        Objects.requireNonNull(job, "job");
        try {
            db.write(JobStoreException::new, handle -> {
                upsert(handle, job, clock.instant());
                return null;
            });
        } catch (JobStoreException e) {
            throw busyOr(e, job);
        }
    }

    @Override
    public Optional<Job> update(JobId id, UnaryOperator<Job> change) {
        var changed = new Job[1];
        try {
            return db.write(JobStoreException::new, handle -> {
                Optional<Job> next = handle.createQuery("SELECT body FROM jobs WHERE id = :id" + db.dialect().forUpdate())
                        .bind("id", id.value()).mapTo(String.class).findOne().map(SqlJobStore::decode).map(change);
                next.ifPresent(job -> {
                    changed[0] = job;
                    upsert(handle, job, clock.instant());
                });
                return next;
            });
        } catch (JobStoreException e) {
            throw changed[0] == null ? e : busyOr(e, changed[0]);
        }
    }

    @Override
    public Optional<Job> find(JobId id) {
        return db.read(JobStoreException::new, handle -> handle.createQuery("SELECT body FROM jobs WHERE id = :id")
                .bind("id", id.value()).mapTo(String.class).findOne()).map(SqlJobStore::decode);
    }

    @Override
    public List<Job> unfinished() {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT body FROM jobs WHERE finished = 0 ORDER BY seq").mapTo(String.class).list())
                .stream().map(SqlJobStore::decode).toList();
    }

    @Override
    public List<Job> unfinishedOf(RequesterId requester) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT body FROM jobs WHERE requester = :requester AND finished = 0 ORDER BY seq")
                .bind("requester", requester.value()).mapTo(String.class).list())
                .stream().map(SqlJobStore::decode).toList();
    }

    @Override
    public long countDelivered(RequesterId requester) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT COUNT(*) FROM jobs WHERE requester = :requester AND delivered = 1")
                .bind("requester", requester.value()).mapTo(Long.class).one());
    }

    @Override
    public List<JobId> waiting(Instant now) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT id FROM jobs WHERE work = :work AND queued = 1 AND " + FREE + " ORDER BY seq")
                .bind("work", Work.GENERATION.name()).bind("now", nanos(now)).mapTo(String.class).list())
                .stream().map(JobId::new).toList();
    }

    @Override
    public Optional<Job> claim(Work work, String owner, Instant now, Instant until) {
        return db.write(JobStoreException::new, handle -> {
            Optional<Job> claimed = handle.createQuery("SELECT body FROM jobs WHERE work = :work AND " + FREE
                            + " ORDER BY queued, seq LIMIT 1" + db.dialect().skipLocked())
                    .bind("work", work.name()).bind("now", nanos(now)).mapTo(String.class).findOne()
                    .map(SqlJobStore::decode);
            claimed.ifPresent(job -> handle
                    .createUpdate("UPDATE jobs SET lease_owner = :owner, lease_until = :until WHERE id = :id")
                    .bind("owner", owner).bind("until", nanos(until)).bind("id", job.id().value()).execute());
            return claimed;
        });
    }

    @Override
    public Set<JobId> renew(String owner, Collection<JobId> jobs, Instant until) {
        return db.write(JobStoreException::new, handle -> {
            var lost = new HashSet<JobId>();
            for (JobId id : jobs) {
                int renewed = handle.createUpdate("UPDATE jobs SET lease_until = :until"
                                + " WHERE id = :id AND lease_owner = :owner AND finished = 0")
                        .bind("until", nanos(until)).bind("id", id.value()).bind("owner", owner).execute();
                if (renewed == 0) {
                    lost.add(id);
                }
            }
            return lost;
        });
    }

    @Override
    public void release(String owner, JobId job) {
        db.write(JobStoreException::new, handle -> handle.createUpdate(
                        "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
                .bind("id", job.value()).bind("owner", owner).execute());
    }

    @Override
    public void releaseAll(String owner) {
        db.write(JobStoreException::new, handle -> handle.createUpdate(
                        "UPDATE jobs SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = :owner")
                .bind("owner", owner).execute());
    }

    /** Deletes the jobs that finished more than the retention ago; returns how many. */
    int pruneFinished() {
        Instant cutoff = clock.instant().minus(retention);
        int pruned = db.write(JobStoreException::new, handle -> handle
                .createUpdate("DELETE FROM jobs WHERE finished = 1 AND finished_at < :cutoff")
                .bind("cutoff", nanos(cutoff)).execute());
        if (pruned > 0) {
            LOG.log(System.Logger.Level.INFO, "pruned {0} job(s) finished before {1}", pruned, cutoff);
        }
        return pruned;
    }

    /** Writes {@code job} as its newest version; {@code at} is when, if it finished, for the retention. */
    static void upsert(Handle handle, Job job, Instant at) {
        JobState state = job.state();
        String place = state instanceof JobState.Draft ? "draft" : state.active() ? "active" : null;
        handle.createUpdate(UPSERT)
                .bind("id", job.id().value())
                .bind("seq", job.sequence())
                .bind("requester", job.requester().id().value())
                .bind("place", place)
                .bind("work", Work.of(state).map(Work::name).orElse(null))
                .bind("queued", state instanceof JobState.Queued ? 1 : 0)
                .bind("finished", state.finished() ? 1 : 0)
                .bind("delivered", state instanceof JobState.Done ? 1 : 0)
                .bind("finishedAt", state.finished() ? nanos(at) : null)
                .bind("body", new String(RecordCodec.encode(JobRecord.from(job)), StandardCharsets.UTF_8))
                .execute();
    }

    private static Job decode(String body) {
        try {
            return JobRecord.decode(body.getBytes(StandardCharsets.UTF_8)).toDomain();
        } catch (IOException | RuntimeException e) {
            throw new JobStoreException("a job in the database is unreadable: " + e.getMessage(), e);
        }
    }

    /** The unique index on a requester's places refused the row: that is the rule, not a failure. */
    private static RuntimeException busyOr(JobStoreException e, Job job) {
        return e.getCause() instanceof JdbiException && Database.uniqueViolation(e) ? new RequesterBusy(job.requester().id()) : e;
    }
}
