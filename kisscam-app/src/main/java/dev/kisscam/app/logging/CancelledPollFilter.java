package dev.kisscam.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import org.slf4j.Marker;

/**
 * Drops what TelegramBots' long polling logs when the bot itself ends a poll on the way out: it cancels the
 * pending getUpdates call and interrupts the poller, and the library reports both as errors. An operator
 * would read them as a fault on every clean stop; real polling failures still get through.
 */
final class CancelledPollFilter extends TurboFilter {
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
        return endedByUs(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    static boolean endedByUs(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedException
                    || cause instanceof IOException && "Canceled".equals(cause.getMessage())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
