package dev.kisscam.adapter.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.kisscam.core.port.out.JobStoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The pool, the schema and the transactions every store here runs in. Opening migrates the schema (Flyway, from
 * {@code db/migration}); a SQLite database is opened in WAL mode with a busy timeout and foreign keys on, and
 * by one process at a time: the in-process parts of the bot (generation slots, the media sweeper) assume they
 * are alone, so a second process over the same file is refused with a clear message, not half coordinated.
 *
 * <p>A write is one transaction, committed before it returns. The calls are made despite the caller's interrupt
 * flag: the thread that saves is often a job's thread being stopped at shutdown, and its last save (a ticket,
 * {@code Done}) is the one a restart needs. The flag is cleared for the call, the call is repeated when an
 * interrupt arriving meanwhile broke its connection, and the flag is set again afterwards.
 */
final class Database implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final int ATTEMPTS_DESPITE_INTERRUPTS = 3;

    private final SqlConfig config;
    private final HikariDataSource pool;
    private final Jdbi jdbi;
    private final Optional<FileChannel> processLock;

    private Database(SqlConfig config, HikariDataSource pool, Optional<FileChannel> processLock) {
        this.config = config;
        this.pool = pool;
        this.jdbi = Jdbi.create(pool);
        this.processLock = processLock;
    }

    /**
     * @throws JobStoreException naming the database (never its password) when it cannot be reached, migrated
     *     or, for SQLite, when another process has it open
     */
    static Database open(SqlConfig config) {
        Optional<FileChannel> lock = config.sqliteFile().map(Database::lockSqlite);
        HikariDataSource pool = null;
        try {
            pool = new HikariDataSource(poolConfig(config));
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            return new Database(config, pool, lock);
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            lock.ifPresent(Database::closeQuietly);
            throw new JobStoreException("cannot open the database " + config.location() + ": " + reason(e), e);
        }
    }

    SqlConfig.Dialect dialect() {
        return config.dialect();
    }

    String location() {
        return config.location();
    }

    /** Reads outside a transaction: on SQLite, readers then never wait for the writer. */
    <T> T read(BiFunction<String, Throwable, RuntimeException> failure, HandleCallback<T, RuntimeException> work) {
        return despiteInterrupts(failure, () -> jdbi.withHandle(work));
    }

    /** One transaction, committed before this returns; what {@code work} throws (not a database failure) passes through. */
    <T> T write(BiFunction<String, Throwable, RuntimeException> failure, HandleCallback<T, RuntimeException> work) {
        return despiteInterrupts(failure, () -> jdbi.inTransaction(work));
    }

    private <T> T despiteInterrupts(BiFunction<String, Throwable, RuntimeException> failure, Supplier<T> call) {
        boolean interrupted = Thread.interrupted();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return call.get();
                } catch (JdbiException e) {
                    boolean interruptedMeanwhile = Thread.interrupted();
                    interrupted |= interruptedMeanwhile;
                    if (!interruptedMeanwhile || attempt == ATTEMPTS_DESPITE_INTERRUPTS) {
                        throw failure.apply("the database " + location() + " failed: " + reason(e), e);
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether {@code e} is a unique index refusing a row: on an upsert by id, the rule that index keeps. */
    static boolean uniqueViolation(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && ("23505".equals(sql.getSQLState()) || sql.getMessage() != null
                            && sql.getMessage().contains("UNIQUE constraint failed"))) {
                return true;
            }
        }
        return false;
    }

    /** An instant as a column: nanoseconds since the epoch, exact until 2262, saturated beyond. */
    static long nanos(Instant at) {
        try {
            return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
        } catch (ArithmeticException beyond) {
            return at.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(0, nanos);
    }

    /** The pool and, for SQLite, the lock; the stores must not be used afterwards. */
    @Override
    public void close() {
        pool.close();
        processLock.ifPresent(Database::closeQuietly);
    }

    private static HikariConfig poolConfig(SqlConfig config) {
        var hikari = new HikariConfig();
        hikari.setPoolName("kisscam-" + config.dialect().name().toLowerCase(Locale.ROOT));
        hikari.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(hikari::setUsername);
        config.password().ifPresent(hikari::setPassword);
        hikari.setMaximumPoolSize(10);
        hikari.setMinimumIdle(1);
        if (config.dialect() == SqlConfig.Dialect.SQLITE) {
            // Read by sqlite-jdbc for every connection it opens.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            // WAL with FULL: a commit that returned survives power loss, not only a killed process.
            hikari.addDataSourceProperty("synchronous", "FULL");
            hikari.addDataSourceProperty("busy_timeout", "30000");
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        }
        return hikari;
    }

    private static FileChannel lockSqlite(Path database) {
        // A file of its own: closing any descriptor of the database file would drop SQLite's own POSIX locks.
        Path lockFile = database.resolveSibling(database.getFileName() + ".lock");
        FileChannel channel;
        try {
            Files.createDirectories(database.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JobStoreException("cannot open " + lockFile + ": " + e.getMessage(), e);
        }
        try {
            if (channel.tryLock() != null) {
                return channel; // the operating system releases it when the process dies, however it dies
            }
        } catch (OverlappingFileLockException alreadyHere) {
            // this process holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new JobStoreException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new JobStoreException("the job store " + database + " is already open in this or another process;"
                + " instances that run at the same time need a STORAGE_PATH each, or a shared PostgreSQL DATABASE_URL");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot release a database lock: " + e.getMessage());
        }
    }

    /** The innermost message: the driver's words, which name the host or file but never the password. */
    private static String reason(Throwable e) {
        Throwable deepest = e;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
    }
}
