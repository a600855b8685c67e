package dev.kisscam.adapter.sql;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which database holds the records, read from {@value #DATABASE_URL}: {@code sqlite:PATH} (one machine, the
 * default {@code STORAGE_PATH/kisscam.db}) or {@code postgresql://user:password@host:5432/db} (shared by several
 * instances). The password never appears in {@link #toString()} or in {@link #location()}, so it reaches no log
 * and no error message.
 *
 * @param dialect which engine the URL names
 * @param jdbcUrl the JDBC URL, without user or password
 * @param user empty for SQLite, or when the server trusts the connection
 * @param password empty when the URL has none
 * @param sqliteFile the database file, for SQLite
 * @param finishedJobRetention how long finished jobs are kept (and counted as delivered), default 30 days
 */
public record SqlConfig(Dialect dialect, String jdbcUrl, Optional<String> user, Optional<String> password,
        Optional<Path> sqliteFile, Duration finishedJobRetention) {

    public static final String DATABASE_URL = "DATABASE_URL";
    /** The file the default database lives in, under STORAGE_PATH. */
    public static final String DEFAULT_SQLITE_FILE = "kisscam.db";
    public static final Duration DEFAULT_FINISHED_JOB_RETENTION = Duration.ofDays(30);

    private static final String SQLITE_PREFIX = "sqlite:";

    /** The engines this adapter speaks; their differences are kept to how a writer keeps others off its rows. */
    public enum Dialect {
        /** Every writing transaction is the only writer ({@code BEGIN IMMEDIATE}): there is nothing more to lock. */
        SQLITE,
        /** Writers run side by side; they lock the rows they read to change. */
        POSTGRESQL;

        /** Appended to a SELECT whose rows the transaction goes on to change. */
        String forUpdate() {
            return this == POSTGRESQL ? " FOR UPDATE" : "";
        }

        /** Appended to a SELECT that picks one row of many to claim: a row another claimer holds is passed over. */
        String skipLocked() {
            return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        }
    }

    public SqlConfig {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(sqliteFile, "sqliteFile");
        Objects.requireNonNull(finishedJobRetention, "finishedJobRetention");
        if (!finishedJobRetention.isPositive()) {
            throw new InvalidConfiguration(List.of("the finished-job retention must be positive, was " + finishedJobRetention));
        }
    }

    /** SQLite in {@code file}, made with its directory when first opened. */
    public static SqlConfig sqlite(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return new SqlConfig(Dialect.SQLITE, "jdbc:sqlite:" + absolute, Optional.empty(), Optional.empty(),
                Optional.of(absolute), DEFAULT_FINISHED_JOB_RETENTION);
    }

    /** The default: SQLite in {@value #DEFAULT_SQLITE_FILE} under the storage path. */
    public static SqlConfig under(Path storagePath) {
        return sqlite(storagePath.resolve(DEFAULT_SQLITE_FILE));
    }

    /**
     * Reads a {@value #DATABASE_URL}; a relative SQLite path is taken from the working directory.
     *
     * @throws InvalidConfiguration saying what is wrong, without quoting the password
     */
    public static SqlConfig of(String databaseUrl) {
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        String url = databaseUrl.strip();
        if (url.startsWith(SQLITE_PREFIX)) {
            String path = url.substring(SQLITE_PREFIX.length());
            if (path.isBlank()) {
                throw invalid("sqlite:PATH names no file");
            }
            return sqlite(Path.of(path));
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return postgresql(url);
        }
        throw invalid("must be sqlite:PATH or postgresql://user:password@host:5432/database");
    }

    private static SqlConfig postgresql(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // the reason quotes the input, which may hold the password
            throw invalid("is not a valid postgresql:// URL (a special character in the password must be %-encoded)");
        }
        if (uri.getHost() == null) {
            throw invalid("names no host: postgresql://user:password@host:5432/database");
        }
        String database = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (database.isBlank()) {
            throw invalid("names no database: postgresql://user:password@host:5432/database");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = Optional.of(decode(parts[0])).filter(u -> !u.isEmpty());
            password = parts.length == 2 ? Optional.of(decode(parts[1])) : Optional.empty();
        }
        String jdbcUrl = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + "/"
                + database + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new SqlConfig(Dialect.POSTGRESQL, jdbcUrl, user, password, Optional.empty(),
                DEFAULT_FINISHED_JOB_RETENTION);
    }

    public SqlConfig withFinishedJobRetention(Duration retention) {
        return new SqlConfig(dialect, jdbcUrl, user, password, sqliteFile, retention);
    }

    /** Where the records are, as an operator may read it in a log: never with the password. */
    public String location() {
        return switch (dialect) {
            case SQLITE -> SQLITE_PREFIX + sqliteFile.orElseThrow();
            case POSTGRESQL -> jdbcUrl.replaceFirst("^jdbc:", "").replaceFirst("^postgresql://",
                    "postgresql://" + user.map(u -> u + (password.isPresent() ? ":****" : "") + "@").orElse(""));
        };
    }

    @Override
    public String toString() {
        return "SqlConfig[" + location() + ", finishedJobRetention=" + finishedJobRetention + "]";
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static InvalidConfiguration invalid(String problem) {
        return new InvalidConfiguration(new ArrayList<>(List.of(DATABASE_URL + " " + problem)));
    }
}
