package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.port.out.JobObserver;
import java.lang.System.Logger.Level;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * At most K generations at once; the rest wait first come, first served. Each job runs on its own virtual
 * thread, which blocks on the provider without holding a platform thread. A job holds one of the K slots
 * only while the provider works for it: it gives the slot back once its video is stored, so a delivery that
 * waits for an unreachable frontend never keeps others from being generated.
 *
 * <p>The position a job gets when it is added is the caller's to tell; later moves are told through the
 * {@link Notifier}, throttled per job and coarse beyond the first places, so that a slot coming free among
 * hundreds of waiting jobs does not send hundreds of messages.
 */
public final class GenerationQueue {
    private static final System.Logger LOG = System.getLogger(GenerationQueue.class.getName());
    /** Places up to this are told exactly; beyond it, only when a job crosses a multiple of ten. */
    static final int EXACT_PLACES = 10;

    /** A provider slot held by a job's thread; giving it back twice is harmless. */
    public interface Slot {
        void release();
    }

    /** Runs one job on its thread, giving its slot back as soon as it no longer needs the provider. */
    public interface Worker {
        void run(JobId job, Slot slot);
    }

    private final int maxRunning;
    private final Duration noticeInterval;
    private final Clock clock;
    private final Worker worker;
    private final Notifier notifier;
    private final JobObserver observer;
    private final Lifecycle lifecycle;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Waiting> waiting = new ArrayDeque<>();
    /** Every job's thread, whether it holds a slot or only delivers. */
    private final Map<JobId, Thread> running = new HashMap<>();
    private int slotsInUse;

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

    public GenerationQueue(int maxRunning, Duration noticeInterval, Clock clock, Worker worker, Notifier notifier,
            JobObserver observer, Lifecycle lifecycle) {
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

    /** Runs a job that needs no provider (its video is stored) at once, beside the generations. */
    public void startWithoutSlot(Job job) {
        lock.lock();
        try {
            if (!lifecycle.stopping()) {
                start(job, clock.instant(), new HeldSlot(false));
            }
        } finally {
            lock.unlock();
        }
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
            observer.queue(waiting.size(), slotsInUse);
        } finally {
            lock.unlock();
        }
        tell(notices);
        return true;
    }

    /** Interrupts the thread running this job, if one is: polling or a pause before a delivery stops. */
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

    /** Generations in flight: jobs holding a slot. */
    public int runningCount() {
        lock.lock();
        try {
            return slotsInUse;
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
        while (!lifecycle.stopping() && slotsInUse < maxRunning && !waiting.isEmpty()) {
            Waiting next = waiting.pollFirst();
            slotsInUse++;
            start(next.job, next.queuedAt, new HeldSlot(true));
        }
        observer.queue(waiting.size(), slotsInUse);
    }

    private void start(Job job, Instant queuedAt, HeldSlot slot) {
        Thread thread = Thread.ofVirtual().name("job-" + job.id()).unstarted(() -> run(job.id(), queuedAt, slot));
        running.put(job.id(), thread);
        thread.start();
    }

    private void run(JobId id, Instant queuedAt, HeldSlot slot) {
        try {
            observer.stage(JobObserver.Stage.QUEUE, Duration.between(queuedAt, clock.instant()).abs());
            worker.run(id, slot);
        } catch (Throwable e) {
            // The worker ends its job itself; this keeps the queue's books right whatever it let through.
            LOG.log(Level.ERROR, "job " + id + ": its thread ended with " + e, e);
        } finally {
            slot.release();
            lock.lock();
            try {
                running.remove(id);
            } finally {
                lock.unlock();
            }
        }
    }

    /** A job's slot, or the absence of one; giving it back lets the next job in line start. */
    private final class HeldSlot implements Slot {
        private final AtomicBoolean held;

        HeldSlot(boolean held) {
            this.held = new AtomicBoolean(held);
        }

        @Override
        public void release() {
            if (!held.compareAndSet(true, false)) {
                return;
            }
            List<Notice> notices;
            lock.lock();
            try {
                slotsInUse--;
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

    /** Position changes worth telling: a place that matters, and the last notice old enough. */
    private List<Notice> noticesLocked() {
        var notices = new ArrayList<Notice>();
        Instant now = clock.instant();
        int position = 1;
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); position++) {
            Waiting w = it.next();
            boolean quietLongEnough = !now.isBefore(w.lastToldAt.plus(noticeInterval));
            if (worthTelling(w.lastToldPosition, position) && quietLongEnough) {
                w.lastToldPosition = position;
                w.lastToldAt = now;
                notices.add(new Notice(w.job, position));
            }
        }
        return notices;
    }

    /** The first places exactly; further back, only a move past a multiple of ten (57 to 49, not 57 to 56). */
    static boolean worthTelling(int told, int now) {
        if (now == told) {
            return false;
        }
        return now <= EXACT_PLACES || (now - 1) / 10 != (told - 1) / 10;
    }

    private void tell(List<Notice> notices) {
        for (Notice n : notices) {
            notifier.queuePosition(n.job, n.position);
        }
    }
}
