package dev.kisscam.core.testing;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Records what the core reports to operators, and lets tests wait for a job to finish. */
public final class RecordingObserver implements JobObserver {
    private final List<Job> finished = new ArrayList<>();
    private final List<Job> saved = new ArrayList<>();
    private final List<Spend> spends = new ArrayList<>();
    private final List<Stage> stages = new ArrayList<>();
    private int maxRunning;
    private int queueReports;

    @Override
    public synchronized void saved(Job job) {
        saved.add(job);
    }

    /** Every version of the job that was saved, in order. */
    public synchronized List<Job> savedVersionsOf(JobId id) {
        return saved.stream().filter(job -> job.id().equals(id)).toList();
    }

    @Override
    public synchronized void finished(Job job) {
        finished.add(job);
        notifyAll();
    }

    @Override
    public synchronized void stage(Stage stage, Duration took) {
        stages.add(stage);
    }

    @Override
    public synchronized void spent(Spend spend) {
        spends.add(spend);
    }

    @Override
    public synchronized void queue(int waiting, int running) {
        maxRunning = Math.max(maxRunning, running);
        queueReports++;
    }

    /** How often the queue was reported: once per round of a dispatcher. */
    public synchronized int queueReports() {
        return queueReports;
    }

    public synchronized List<Spend> spends() {
        return List.copyOf(spends);
    }

    public synchronized List<Stage> stages() {
        return List.copyOf(stages);
    }

    /** The most generations that ran at once. */
    public synchronized int maxRunning() {
        return maxRunning;
    }

    /** Waits until the job has reached a finished state and returns that last version. */
    public Job awaitFinished(JobId id, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (Job job : finished) {
                    if (job.id().equals(id)) {
                        return job;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("job " + id + " did not finish within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }
}
