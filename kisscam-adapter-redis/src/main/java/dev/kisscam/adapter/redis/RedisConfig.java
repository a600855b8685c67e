package dev.kisscam.adapter.redis;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Redis that several instances share answers, and how this adapter uses it. Made from
 * {@value #REDIS_HOST}, {@value #REDIS_PORT}, {@value #REDIS_DB} and {@value #REDIS_PASSWORD} ({@link #of}) or from
 * one {@value #REDIS_URL} ({@link #fromUrl}); a broken rule is an {@link Invalid} that lists them all.
 * {@link #toString()} never shows the password.
 *
 * @param keyPrefix put before every key, so one Redis can serve other programs (or tests) beside this one
 * @param leaderLease how long the polling lead, and a chat's turn to be handled, outlive an instance that stopped
 *                    renewing them (it died)
 */
public record RedisConfig(String host, int port, int database, Optional<String> username, Optional<String> password,
        boolean tls, String keyPrefix, Duration leaderLease) {

    public static final String REDIS_HOST = "REDIS_HOST";
    public static final String REDIS_PORT = "REDIS_PORT";
    public static final String REDIS_DB = "REDIS_DB";
    public static final String REDIS_PASSWORD = "REDIS_PASSWORD";
    public static final String REDIS_URL = "REDIS_URL";

    public static final int DEFAULT_PORT = 6379;
    public static final String DEFAULT_KEY_PREFIX = "kisscam:";
    /** Long enough to ride out a slow moment; short enough that updates pause for seconds, not minutes. */
    public static final Duration DEFAULT_LEADER_LEASE = Duration.ofSeconds(15);

    public RedisConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(leaderLease, "leaderLease");
        var problems = new ArrayList<String>();
        if (host.isBlank()) {
            problems.add(REDIS_HOST + " must name the Redis host");
        }
        if (port < 1 || port > 65_535) {
            problems.add(REDIS_PORT + " must be between 1 and 65535, was " + port);
        }
        if (database < 0) {
            problems.add(REDIS_DB + " must be 0 or more, was " + database);
        }
        if (leaderLease.compareTo(Duration.ofSeconds(1)) < 0) {
            problems.add("the polling lead's lease must be at least 1 s, was " + leaderLease);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    /** The seed's form: a host, a port and a database number, and a password when the server asks for one. */
    public static RedisConfig of(String host, int port, int database, Optional<String> password) {
        return new RedisConfig(host == null ? "" : host, port, database, Optional.empty(), password, false,
                DEFAULT_KEY_PREFIX, DEFAULT_LEADER_LEASE);
    }

    /**
     * {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS; the port defaults to
     * {@value #DEFAULT_PORT} and the database to 0. A problem names the variable, never the URL (it may hold the
     * password).
     */
    public static RedisConfig fromUrl(String url) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNull(url, "url").strip());
        } catch (URISyntaxException e) {
            throw new InvalidConfiguration(List.of(REDIS_URL + " must look like redis://[:password@]host:port/db"));
        }
        var problems = new ArrayList<String>();
        String scheme = uri.getScheme();
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            problems.add(REDIS_URL + " must start with redis:// (or rediss:// for TLS)");
        }
        if (uri.getHost() == null) {
            problems.add(REDIS_URL + " must name a host: redis://[:password@]host:port/db");
        }
        int database = 0;
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !"/".equals(path)) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                problems.add(REDIS_URL + " must end in the database number (/0, /1, ...), if anything");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
        Optional<String> username = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? "" : userInfo.substring(0, colon);
            String secret = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            username = Optional.of(user).filter(u -> !u.isEmpty());
            password = Optional.of(secret).filter(p -> !p.isEmpty());
        }
        return new RedisConfig(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), database, username,
                password, "rediss".equals(scheme), DEFAULT_KEY_PREFIX, DEFAULT_LEADER_LEASE);
    }

    public RedisConfig withKeyPrefix(String prefix) {
        return new RedisConfig(host, port, database, username, password, tls, prefix, leaderLease);
    }

    public RedisConfig withLeaderLease(Duration lease) {
        return new RedisConfig(host, port, database, username, password, tls, keyPrefix, lease);
    }

    /** The server's address as the client takes it, without credentials. */
    public String address() {
        return (tls ? "rediss://" : "redis://") + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Where it is, for messages and logs: the address and database, never the password. */
    public String describe() {
        return address() + "/" + database;
    }

    @Override
    public String toString() {
        return "RedisConfig[" + describe() + ", username=" + username.orElse("(none)") + ", password="
                + (password.isPresent() ? "****" : "(none)") + ", keyPrefix=" + keyPrefix + ", leaderLease="
                + leaderLease + "]";
    }

}
