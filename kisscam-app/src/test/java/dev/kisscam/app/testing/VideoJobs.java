package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The video generations the simulated xAI accepted: submit, poll by {@code request_id}, and whether a job's
 * video is ready for download. Tests can wait for submissions without sleeping: every accepted one signals.
 */
final class VideoJobs {
    private final Map<String, VideoJob> jobs = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition submitted = lock.newCondition();
    private final Condition polled = lock.newCondition();
    /** Guarded by {@link #lock}: polls answered for a known request id. */
    private int polls;
    /** Guarded by {@link #lock}: the accepted request ids, oldest first. */
    private final List<String> order = new ArrayList<>();
    private final AtomicInteger blockNext = new AtomicInteger();
    private final URI files;
    private final LongSupplier nanoTime;
    private volatile Duration generationTime;

    /** @param files where finished videos are served, as {@code <files>/<request_id>.mp4} */
    VideoJobs(URI files, Duration generationTime, LongSupplier nanoTime) {
        this.files = files;
        this.nanoTime = nanoTime;
        generationTime(generationTime);
    }

    Reply submit(JsonNode body) {
        VideoSubmission submission = VideoSubmission.parse(body);
        String requestId = UUID.randomUUID().toString();
        boolean blocked = blockNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        var job = new VideoJob(requestId, submission, nanoTime.getAsLong(), generationTime, blocked,
                files.resolve(requestId + ".mp4"));
        jobs.put(requestId, job);
        lock.lock();
        try {
            order.add(requestId);
            submitted.signalAll();
        } finally {
            lock.unlock();
        }
        return Reply.json(200, Reply.JSON.createObjectNode().put("request_id", requestId));
    }

    Reply poll(String requestId) {
        VideoJob job = jobs.get(requestId);
        if (job == null) {
            return Reply.error(404, "not_found", "no video generation with this request id");
        }
        Reply reply = job.pollAt(nanoTime.getAsLong());
        lock.lock();
        try {
            polls++;
            polled.signalAll();
        } finally {
            lock.unlock();
        }
        return reply;
    }

    /** Waits until {@code count} polls of known generations were answered; false after {@code timeout}. */
    boolean awaitPolls(int count, Duration timeout) {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (polls < count) {
                if (left <= 0) {
                    return false;
                }
                left = polled.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    boolean hasVideo(String requestId) {
        VideoJob job = jobs.get(requestId);
        return job != null && job.hasVideoAt(nanoTime.getAsLong());
    }

    /** Applies to generations submitted from now on; those already running keep their time. */
    void generationTime(Duration time) {
        Objects.requireNonNull(time, "time");
        if (time.isNegative()) {
            throw new IllegalArgumentException("a generation cannot take negative time");
        }
        generationTime = time;
    }

    void blockNextGeneration() {
        blockNext.incrementAndGet();
    }

    int submissions() {
        lock.lock();
        try {
            return order.size();
        } finally {
            lock.unlock();
        }
    }

    List<String> requestIds() {
        lock.lock();
        try {
            return List.copyOf(order);
        } finally {
            lock.unlock();
        }
    }

    Optional<JsonNode> body(String requestId) {
        return Optional.ofNullable(jobs.get(requestId)).map(job -> job.submission().body().deepCopy());
    }

    /** Whether {@code count} submissions were accepted before the timeout; an interrupt ends the wait early. */
    boolean await(int count, Duration timeout) {
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (order.size() < count) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = submitted.awaitNanos(remaining);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return order.size() >= count;
        } finally {
            lock.unlock();
        }
    }
}
