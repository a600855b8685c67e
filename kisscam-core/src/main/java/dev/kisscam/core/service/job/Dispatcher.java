package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStore;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands the job store's work to this process: it claims jobs (first come, first served across every process
 * that shares the store), holds a generation slot for each that needs the provider, runs each job on a
 * virtual thread, and renews its leases while they run. A job whose process died is taken over once its
 * lease runs out: a job the provider has is polled again, never submitted again; one caught mid-submission
 * fails without a second submission; a delivery goes on. A process that starts again under its own name
 * takes its jobs back at once.
 *
 * <p>The place a job gets when it is accepted is the caller's to tell; later moves are told by this process
 * for the jobs it accepted, throttled per job and coarse beyond the first places, so a slot coming free
 * among hundreds of waiting jobs does not send hundreds of messages.
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    /** Places up to this are told exactly; beyond it, only when a job crosses a multiple of ten. */
    static final int EXACT_PLACES = 10;

    /** Runs one claimed job on its thread, giving its slot back as soon as it no longer needs the provider. */
    public interface Worker {
        void run(JobId job, GenerationSlots.Slot slot);

        /** Ends a job found mid-submission without submitting it again. */
        void interrupted(JobId job);
    }

    /** What a dispatcher needs to know about its process and its pace. */
    public record Pace(String owner, Duration lease, Duration lookEvery, Duration noticeInterval) {
    }

    private final JobStore store;
    private final Jobs jobs;
    private final GenerationSlots slots;
    private final Worker worker;
    private final Notifier notifier;
    private final JobObserver observer;
    private final Lifecycle lifecycle;
    private final Pace pace;
    private final ProviderPause providerPause;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition workMayWait = lock.newCondition();
    private boolean woken;
    private final Map<JobId, Running> running = new ConcurrentHashMap<>();
    /** The queued jobs this process accepted, and what their requesters last heard. */
    private final Map<JobId, Told> told = new ConcurrentHashMap<>();
    private Instant nextRenewal = Instant.MIN;
    private volatile Thread loop;
    /** False in a process that only takes photos: it tells positions but leaves every job to the others. */
    private volatile boolean claims = true;

    private record Running(Thread thread, GenerationSlots.Slot slot) {
    }

    private static final class Told {
        final Job job;
        int position;
        Instant at;

        Told(Job job, int position, Instant at) {
            this.job = job;
            this.position = position;
            this.at = at;
        }
    }

    public Dispatcher(JobStore store, Jobs jobs, GenerationSlots slots, Worker worker, Notifier notifier,
            JobObserver observer, Lifecycle lifecycle, Pace pace, ProviderPause providerPause) {
        this.providerPause = providerPause;
        this.store = store;
        this.jobs = jobs;
        this.slots = slots;
        this.worker = worker;
        this.notifier = notifier;
        this.observer = observer;
        this.lifecycle = lifecycle;
        this.pace = pace;
    }

    /** Takes back this process's own jobs from before a restart, and starts looking for work. */
    public void start() {
        store.releaseAll(pace.owner());
        loop = Thread.ofVirtual().name("kisscam-dispatcher").start(this::dispatchForever);
    }

    /**
     * Starts telling the requesters of the jobs accepted here where they stand, but claims no job: the other
     * processes sharing the job store run them all.
     */
    public void startWithoutClaiming() {
        claims = false;
        loop = Thread.ofVirtual().name("kisscam-dispatcher").start(this::dispatchForever);
    }

    /**
     * A queued job was just saved here: returns its place, 0 when a slot is free for it now, and starts it
     * as soon as it is its turn.
     */
    public int admit(Job job) {
        List<JobId> queued = store.waiting(jobs.now());
        int position = queued.indexOf(job.id()) + 1;
        if (position > 0 && position <= slots.available()) {
            position = 0;
        }
        told.put(job.id(), new Told(job, position, jobs.now()));
        wake();
        return position;
    }

    /** Work was saved or a slot came free: look at once instead of at the next round. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            workMayWait.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Interrupts this process's thread of the job, if it runs here: polling or a pause stops. */
    public void interrupt(JobId id) {
        Running job = running.get(id);
        if (job != null) {
            job.thread().interrupt();
        }
    }

    public int waitingCount() {
        return store.waiting(jobs.now()).size();
    }

    public int runningCount() {
        return slots.inUse();
    }

    /**
     * Starts nothing more and interrupts every job running here, waiting up to {@code grace} for them; their
     * saved state is where they resume.
     */
    public void stop(Duration grace) throws InterruptedException {
        Thread dispatching = loop;
        if (dispatching != null) {
            dispatching.interrupt();
        }
        List<Thread> threads = running.values().stream().map(Running::thread).toList();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Duration.ofNanos(left));
            }
        }
    }

    private void dispatchForever() {
        while (!lifecycle.stopping()) {
            try {
                dispatchOnce();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not look for work; trying again shortly: " + e.getMessage(), e);
            }
            if (!awaitWork()) {
                return;
            }
        }
    }

    private boolean awaitWork() {
        lock.lock();
        try {
            if (!woken) {
                workMayWait.await(pace.lookEvery().toNanos(), TimeUnit.NANOSECONDS);
            }
            woken = false;
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** One round: renew what runs, then claim what waits, as far as slots allow. */
    void dispatchOnce() {
        if (!claims) {
            tellPositions();
            observer.queue(waitingCount(), slots.inUse());
            return;
        }
        Instant now = jobs.now();
        Instant until = now.plus(pace.lease());
        renewDue(now, until);
        for (Optional<Job> job = claim(JobStore.Work.INTERRUPTED_SUBMISSION, now, until); job.isPresent();
                job = claim(JobStore.Work.INTERRUPTED_SUBMISSION, now, until)) {
            worker.interrupted(job.get().id());
            store.release(pace.owner(), job.get().id());
        }
        for (Optional<Job> job = claim(JobStore.Work.DELIVERY, now, until); job.isPresent();
                job = claim(JobStore.Work.DELIVERY, now, until)) {
            start(job.get(), new NoSlot());
        }
        while (!lifecycle.stopping() && !providerPause.paused(now)) {
            Optional<GenerationSlots.Slot> slot = slots.tryAcquire(pace.lease());
            if (slot.isEmpty()) {
                break;
            }
            Optional<Job> job = claim(JobStore.Work.GENERATION, now, until);
            if (job.isEmpty()) {
                slot.get().release();
                break;
            }
            start(job.get(), slot.get());
            tellPositions();
        }
        tellPositions();
        observer.queue(waitingCount(), slots.inUse());
    }

    private Optional<Job> claim(JobStore.Work work, Instant now, Instant until) {
        return lifecycle.stopping() ? Optional.empty() : store.claim(work, pace.owner(), now, until);
    }

    private void renewDue(Instant now, Instant until) {
        if (now.isBefore(nextRenewal) || running.isEmpty()) {
            return;
        }
        nextRenewal = now.plus(pace.lease().dividedBy(3));
        Set<JobId> lost = store.renew(pace.owner(), List.copyOf(running.keySet()), until);
        running.forEach((id, job) -> {
            if (lost.contains(id) || !job.slot().renew(pace.lease())) {
                // Another process took it over, or its slot ran out: this thread must not act for it any more.
                LOG.log(Level.WARNING, "job " + id + ": this process no longer holds it; stopping its thread here");
                job.thread().interrupt();
            }
        });
    }

    private void start(Job job, GenerationSlots.Slot slot) {
        told.remove(job.id());
        switch (job.state()) {
            case JobState.Generating g -> LOG.log(Level.INFO, "job " + job.id() + ": the provider has it (ticket "
                    + g.ticket() + "); polling it again, never submitting it again");
            case JobState.Delivering d -> LOG.log(Level.INFO, "job " + job.id() + ": its video is stored; delivering it");
            default -> { }
        }
        var returned = new ReturningSlot(slot);
        Thread thread = Thread.ofVirtual().name("job-" + job.id()).unstarted(() -> run(job, returned));
        running.put(job.id(), new Running(thread, returned));
        thread.start();
    }

    private void run(Job job, ReturningSlot slot) {
        try {
            if (job.state() instanceof JobState.Queued) {
                observer.stage(JobObserver.Stage.QUEUE, Duration.between(job.updatedAt(), jobs.now()).abs());
            }
            worker.run(job.id(), slot);
        } catch (Throwable e) {
            // The worker ends its job itself; this keeps the dispatcher's books right whatever it let through.
            LOG.log(Level.ERROR, "job " + job.id() + ": its thread ended with " + e, e);
        } finally {
            slot.release();
            running.remove(job.id());
            try {
                store.release(pace.owner(), job.id());
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "job " + job.id() + ": could not give up its lease; it runs out by itself: "
                        + e.getMessage());
            }
            wake();
        }
    }

    /** Tells this process's waiting jobs where they stand now, if it changed in a way worth telling. */
    private void tellPositions() {
        if (told.isEmpty()) {
            return;
        }
        Map<JobId, Integer> places = new HashMap<>();
        List<JobId> queued = store.waiting(jobs.now());
        for (int i = 0; i < queued.size(); i++) {
            places.put(queued.get(i), i + 1);
        }
        Instant now = jobs.now();
        var notices = new ArrayList<Told>();
        for (var entry : told.entrySet()) {
            Told job = entry.getValue();
            Integer place = places.get(entry.getKey());
            if (place == null) {
                told.remove(entry.getKey(), job); // started here or elsewhere, or gone
                continue;
            }
            boolean quietLongEnough = !now.isBefore(job.at.plus(pace.noticeInterval()));
            if (worthTelling(job.position, place) && quietLongEnough) {
                job.position = place;
                job.at = now;
                notices.add(job);
            }
        }
        notices.sort((a, b) -> Integer.compare(a.position, b.position));
        for (Told notice : notices) {
            notifier.queuePosition(notice.job, notice.position);
        }
    }

    /** The first places exactly; further back, only a move past a multiple of ten (57 to 50, not 57 to 56). */
    static boolean worthTelling(int told, int now) {
        if (now == told) {
            return false;
        }
        return now <= EXACT_PLACES || (now - 1) / 10 != (told - 1) / 10;
    }

    /** A job's slot that, given back, lets the next job start at once. */
    private final class ReturningSlot implements GenerationSlots.Slot {
        private final GenerationSlots.Slot slot;
        private final AtomicBoolean held = new AtomicBoolean(true);

        ReturningSlot(GenerationSlots.Slot slot) {
            this.slot = slot;
        }

        @Override
        public boolean renew(Duration lease) {
            return !held.get() || slot.renew(lease);
        }

        @Override
        public void release() {
            if (held.compareAndSet(true, false)) {
                slot.release();
                wake();
            }
        }
    }

    /** A delivery holds no provider slot. */
    private static final class NoSlot implements GenerationSlots.Slot {
        @Override
        public boolean renew(Duration lease) {
            return true;
        }

        @Override
        public void release() {
        }
    }
}
