package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.port.out.JobObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * At most K generations at once; the rest wait first come, first served. Each admitted job runs on its own
 * virtual thread, which blocks on the provider without holding a platform thread. The position a job gets
 * when it is added is the caller's to tell; later moves are told through the {@link Notifier}, throttled.
 */
public final class GenerationQueue {
    private final int maxRunning;
    private final Duration noticeInterval;
    private final Clock clock;
    private final Consumer<JobId> worker;
    private final Notifier notifier;
    private final JobObserver observer;
    private final Lifecycle lifecycle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    private final Map<JobId, Thread> running = new HashMap<>();

    private static final class Waiting {
        final Job job;
        final Instant queuedAt;
        int lastToldPosition;
        Instant lastToldAt;

        Waiting(Job job, Instant at) {
            this.job = job;
            this.queuedAt = at;
            this.lastToldAt = at;
        }
    }

    private record Notice(Job job, int position) {
    }

    public GenerationQueue(int maxRunning, Duration noticeInterval, Clock clock, Consumer<JobId> worker,
            Notifier notifier, JobObserver observer, Lifecycle lifecycle) {
        this.maxRunning = maxRunning;
        this.noticeInterval = noticeInterval;
        this.clock = clock;
        this.worker = worker;
        this.notifier = notifier;
        this.observer = observer;
        this.lifecycle = lifecycle;
    }

    /** Queues a job at the back and returns its position: 0 when it got a slot at once, else its place in line. */
    public int add(Job job) {
        List<Notice> notices;
        int position;
        lock.lock();
        try {
            var entry = new Waiting(job, clock.instant());
            waiting.addLast(entry);
            dispatchLocked();
            position = positionLocked(job.id());
            entry.lastToldPosition = position;
            notices = noticesLocked();
        } finally {
            lock.unlock();
        }
        tell(notices);
        return position;
    }

    /** Takes a waiting job out of line; false if it is not waiting (it may have started). */
    public boolean remove(JobId id) {
        List<Notice> notices;
        lock.lock();
        try {
            if (!waiting.removeIf(w -> w.job.id().equals(id))) {
                return false;
            }
            notices = noticesLocked();
            observer.queue(waiting.size(), running.size());
        } finally {
            lock.unlock();
        }
        tell(notices);
        return true;
    }

    /** Interrupts the thread running this job, if one is: polling stops. */
    public void interrupt(JobId id) {
        lock.lock();
        try {
            Thread thread = running.get(id);
            if (thread != null) {
                thread.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }

    public int waitingCount() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    public int runningCount() {
        lock.lock();
        try {
            return running.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Starts nothing more and interrupts every running job, waiting up to {@code grace} for them; their
     * saved state is where they resume. Call once the {@link Lifecycle} is stopping.
     */
    public void stop(Duration grace) throws InterruptedException {
        List<Thread> threads;
        lock.lock();
        try {
            waiting.clear();
            threads = new ArrayList<>(running.values());
        } finally {
            lock.unlock();
        }
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
        }
    }

    private void dispatchLocked() {
        while (!lifecycle.stopping() && running.size() < maxRunning && !waiting.isEmpty()) {
            Waiting next = waiting.pollFirst();
            Thread thread = Thread.ofVirtual().name("job-" + next.job.id()).unstarted(() -> run(next));
            running.put(next.job.id(), thread);
            thread.start();
        }
        observer.queue(waiting.size(), running.size());
    }

    private void run(Waiting entry) {
        try {
            observer.stage(JobObserver.Stage.QUEUE, Duration.between(entry.queuedAt, clock.instant()).abs());
            worker.accept(entry.job.id());
        } finally {
            List<Notice> notices;
            lock.lock();
            try {
                running.remove(entry.job.id());
                dispatchLocked();
                notices = noticesLocked();
            } finally {
                lock.unlock();
            }
            tell(notices);
        }
    }

    private int positionLocked(JobId id) {
        if (running.containsKey(id)) {
            return 0;
        }
        int position = 1;
        for (Waiting w : waiting) {
            if (w.job.id().equals(id)) {
                return position;
            }
            position++;
        }
        return -1;
    }

    /** Position changes worth telling: only where the position moved and the last notice is old enough. */
    private List<Notice> noticesLocked() {
        var notices = new ArrayList<Notice>();
        Instant now = clock.instant();
        int position = 1;
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); position++) {
            Waiting w = it.next();
            boolean moved = w.lastToldPosition != position;
            boolean quietLongEnough = !now.isBefore(w.lastToldAt.plus(noticeInterval));
            if (moved && quietLongEnough) {
                w.lastToldPosition = position;
                w.lastToldAt = now;
                notices.add(new Notice(w.job, position));
            }
        }
        return notices;
    }

    private void tell(List<Notice> notices) {
        for (Notice n : notices) {
            notifier.queuePosition(n.job, n.position);
        }
    }
}
