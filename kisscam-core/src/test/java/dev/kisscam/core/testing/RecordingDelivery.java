package dev.kisscam.core.testing;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.DeliveryException;
import dev.kisscam.core.port.out.JobRef;
import dev.kisscam.core.port.out.Video;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Records what the core told requesters, in order, and lets tests wait for an event instead of sleeping.
 * A delivered video is read completely, as a frontend would send it.
 */
public final class RecordingDelivery implements Delivery {

    public sealed interface Event {
        JobId job();
    }

    public record Position(JobId job, int position) implements Event {
    }

    public record Progress(JobId job, int percent) implements Event {
    }

    public record VideoReady(JobId job, Requester requester, byte[] video) implements Event {
    }

    public record Failed(JobId job, Failure failure) implements Event {
    }

    public record Cancelled(JobId job) implements Event {
    }

    /** A video offered while the frontend was told to be unreachable. */
    public record Unreachable(JobId job) implements Event {
    }

    public record DraftExpired(Requester requester) implements Event {
        @Override
        public JobId job() {
            return null;
        }
    }

    private final List<Event> events = new ArrayList<>();
    private volatile boolean failVideoDelivery;
    private final AtomicInteger unreachableAttempts = new AtomicInteger();
    private volatile boolean failStatusUpdates;

    /** Refuses every video for good, as a frontend whose user blocked it would. */
    public void failVideoDelivery(boolean fail) {
        this.failVideoDelivery = fail;
    }

    /** The next {@code attempts} videos meet a frontend that cannot be reached now. */
    public void unreachableFor(int attempts) {
        unreachableAttempts.set(attempts);
    }

    /** Makes position and progress notices throw, as a frontend whose chat is gone would. */
    public void failStatusUpdates(boolean fail) {
        this.failStatusUpdates = fail;
    }

    private void statusUpdate(Event event) {
        if (failStatusUpdates) {
            throw new DeliveryException("the frontend is told to fail status updates");
        }
        record(event);
    }

    @Override
    public void queuePosition(JobRef job, int queuePosition) {
        statusUpdate(new Position(job.id(), queuePosition));
    }

    @Override
    public void progress(JobRef job, int percent) {
        statusUpdate(new Progress(job.id(), percent));
    }

    @Override
    public void videoReady(JobRef job, Video video) {
        if (failVideoDelivery) {
            throw new DeliveryException("the frontend is told to fail");
        }
        if (unreachableAttempts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            record(new Unreachable(job.id()));
            throw new DeliveryException.Unreachable("the frontend is told to be unreachable");
        }
        try (InputStream in = video.open()) {
            record(new VideoReady(job.id(), job.requester(), in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void failed(JobRef job, Failure failure) {
        record(new Failed(job.id(), failure));
    }

    @Override
    public void cancelled(JobRef job) {
        record(new Cancelled(job.id()));
    }

    @Override
    public void draftExpired(Requester requester) {
        record(new DraftExpired(requester));
    }

    public synchronized List<Event> events() {
        return List.copyOf(events);
    }

    public synchronized List<Event> eventsFor(JobId job) {
        return events.stream().filter(e -> job.equals(e.job())).toList();
    }

    public synchronized <E extends Event> List<E> eventsOf(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until an event matching {@code condition} has been recorded, and returns the first such. */
    public <E extends Event> E await(Class<E> type, Predicate<E> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Event e : events) {
                    if (type.isInstance(e) && condition.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " as expected within " + timeout
                            + "; events: " + new ArrayList<>(events));
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    public <E extends Event> E await(Class<E> type, JobId job, Duration timeout) throws InterruptedException {
        return await(type, e -> job.equals(e.job()), timeout);
    }

    private synchronized void record(Event event) {
        events.add(event);
        notifyAll();
    }
}
