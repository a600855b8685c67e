package dev.kisscam.app.logging;

import java.util.List;
import java.util.Optional;

/**
 * Error tracking, only when SENTRY_DSN is set: every ERROR line and every job that failed through no doing of
 * its requester is reported to Sentry, scrubbed of secrets, chat ids and photo data before it leaves the process.
 * Without a DSN nothing of Sentry is loaded or started.
 */
public final class ErrorTracking {
    private ErrorTracking() {
    }

    /**
     * Starts reporting to {@code dsn}, after logging is configured (the reporter joins Logback's root logger).
     *
     * @param secrets values that must never leave the process, blanked from every report
     * @return whether reporting started
     */
    public static boolean start(Optional<String> dsn, List<String> secrets) {
        if (dsn.isEmpty()) {
            return false;
        }
        SentryReporting.start(dsn.get(), secrets);
        return true;
    }
}
