package dev.kisscam.adapter.telegram;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one class logged while a test ran. The adapter logs through {@link System.Logger}, which reaches
 * java.util.logging when, as in this module's tests, no other backend is on the class path.
 */
final class CapturedLog implements AutoCloseable {
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
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

    private CapturedLog(Class<?> source) {
        logger = Logger.getLogger(source.getName());
        logger.addHandler(handler);
    }

    static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    /** The records at {@code level} or above that carry a {@code thrown} of this type. */
    List<LogRecord> thrown(Level level, Class<? extends Throwable> type) {
        return records.stream()
                .filter(r -> r.getLevel().intValue() >= level.intValue() && type.isInstance(r.getThrown()))
                .toList();
    }

    /** The messages logged at exactly {@code level}. */
    List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
