package dev.kisscam.app.wiring;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What the modules made that must be released when the program stops: clients, stores, background upkeep. A
 * module registers a thing as it makes it, so only what was made is closed, and the program closes them all
 * without knowing which adapters are installed. Closing goes in reverse order of registration: whatever was
 * made later may use what was made earlier, never the other way round.
 */
public final class Closeables implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Closeables.class.getName());

    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    private boolean closed;

    /** Keeps {@code resource} to be closed at the end; after the end, closes it at once rather than leak it. */
    public <T extends AutoCloseable> T register(T resource) {
        synchronized (this) {
            if (!closed) {
                open.push(resource);
                return resource;
            }
        }
        closeQuietly(resource);
        return resource;
    }

    /** What is registered and not closed yet, the most recent first. */
    public synchronized List<AutoCloseable> open() {
        return List.copyOf(open);
    }

    /** Closes everything registered, the most recent first; a failure is logged and the rest still closed. */
    @Override
    public void close() {
        List<AutoCloseable> closing;
        synchronized (this) {
            closed = true;
            closing = List.copyOf(open);
            open.clear();
        }
        closing.forEach(Closeables::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "could not release " + resource.getClass().getSimpleName() + ": " + e);
        }
    }
}
