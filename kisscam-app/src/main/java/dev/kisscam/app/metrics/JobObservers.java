package dev.kisscam.app.metrics;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Several observers as one. Observing never changes a job's course: an observer that throws is logged and the
 * others still hear of it.
 */
public final class JobObservers implements JobObserver {
    private static final System.Logger LOG = System.getLogger(JobObservers.class.getName());

    private final List<JobObserver> observers;

    public JobObservers(List<JobObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void saved(Job job) {
        each(o -> o.saved(job));
    }

    @Override
    public void finished(Job job) {
        each(o -> o.finished(job));
    }

    @Override
    public void stage(Stage stage, Duration took) {
        each(o -> o.stage(stage, took));
    }

    @Override
    public void spent(Spend spend) {
        each(o -> o.spent(spend));
    }

    @Override
    public void queue(int waiting, int running) {
        each(o -> o.queue(waiting, running));
    }

    private void each(Consumer<JobObserver> call) {
        for (JobObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an observer failed: " + e, e);
            }
        }
    }
}
