package dev.kisscam.adapter.grok;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Collects what the adapter logs through {@link System.Logger}, which goes to java.util.logging when no
 * other backend is installed, as in these tests.
 */
final class LogRecorder implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.kisscam.adapter.grok");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Level previous = logger.getLevel();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogRecorder() {
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Every message with its parameters filled in, and any attached exception's messages. */
    List<String> lines() {
        var formatter = new SimpleFormatter();
        return records.stream().map(r -> formatter.formatMessage(r)
                + (r.getThrown() == null ? "" : " " + r.getThrown())).toList();
    }

    List<String> lines(Level level) {
        var formatter = new SimpleFormatter();
        return records.stream().filter(r -> r.getLevel().equals(level)).map(formatter::formatMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
