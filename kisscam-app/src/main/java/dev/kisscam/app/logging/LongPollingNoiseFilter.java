package dev.kisscam.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import org.slf4j.Marker;

/**
 * Keeps two kinds of lines from TelegramBots' long polling out of the log, where an operator would read them as
 * faults:
 * <ul>
 *   <li>what it logs when the bot itself ends a poll on the way out (it cancels the pending getUpdates call and
 *       interrupts the poller, and the library reports both as errors), on every clean stop;</li>
 *   <li>what it logs for every failed poll while Telegram cannot be reached or answers 5xx: an ERROR with a stack
 *       trace each time, hundreds in a short outage. The Telegram adapter says it once when Telegram goes away and
 *       once when it is back; the library's lines show only when the bot's own loggers are at DEBUG.</li>
 * </ul>
 * Every other polling error (a refused token, a second bot polling with the same token) still gets through.
 */
final class LongPollingNoiseFilter extends TurboFilter {
    static final String LONG_POLLING = "org.telegram.telegrambots.longpolling";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (logger == null || !logger.getName().startsWith(LONG_POLLING)) {
            return FilterReply.NEUTRAL;
        }
        // With a parameterised message the throwable is still the last parameter at this point.
        Throwable thrown = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (endedByUs(thrown)) {
            return FilterReply.DENY;
        }
        boolean ownDebug = logger.getLoggerContext().getLogger(LoggingSetup.OWN_LOGGERS).isDebugEnabled();
        return outage(thrown) && !ownDebug ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean endedByUs(Throwable t) {
        for (Throwable cause = t; cause != null; cause = next(cause)) {
            if (cause instanceof InterruptedException
                    || cause instanceof IOException && "Canceled".equals(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * No answer (an I/O failure), or a 5xx one: the library's error response exception prints as
     * {@code "<code>: <message>"}, its only way of telling the status.
     */
    static boolean outage(Throwable t) {
        for (Throwable cause = t; cause != null; cause = next(cause)) {
            if (cause instanceof IOException) {
                return true;
            }
            String text = String.valueOf(cause);
            if (cause.getClass().getSimpleName().equals("TelegramApiErrorResponseException") && text.matches("5\\d\\d: .*")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable cause) {
        return cause.getCause() == cause ? null : cause.getCause();
    }
}
