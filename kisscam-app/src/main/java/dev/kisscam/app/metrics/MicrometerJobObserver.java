package dev.kisscam.app.metrics;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Turns what the core reports into Prometheus metrics: outcomes, stage durations, queue, spend. */
public final class MicrometerJobObserver implements JobObserver {
    private final MeterRegistry registry;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final Set<JobId> deliveriesWaiting = ConcurrentHashMap.newKeySet();

    public MicrometerJobObserver(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("kisscam_queue_depth", waiting, AtomicInteger::get)
                .description("jobs waiting for a generation slot").register(registry);
        Gauge.builder("kisscam_generations_running", running, AtomicInteger::get)
                .description("generations in flight at the provider").register(registry);
        Gauge.builder("kisscam_deliveries_waiting", deliveriesWaiting, Set::size)
                .description("videos stored and waiting for a frontend that could not be reached").register(registry);
    }

    /** A delivery that failed because the frontend (Telegram) could not be reached is saved with one more try. */
    @Override
    public void saved(Job job) {
        if (job.state() instanceof JobState.Delivering delivering && delivering.failedAttempts() > 0) {
            deliveriesWaiting.add(job.id());
            Counter.builder("kisscam_delivery_retries")
                    .description("deliveries tried again because the frontend could not be reached")
                    .register(registry).increment();
        } else {
            deliveriesWaiting.remove(job.id());
        }
    }

    @Override
    public void finished(Job job) {
        Counter.builder("kisscam_jobs_finished")
                .description("jobs that reached a final state, by outcome")
                .tag("outcome", outcome(job.state()))
                .register(registry).increment();
    }

    static String outcome(JobState state) {
        return switch (state) {
            case JobState.Done d -> "delivered";
            case JobState.Failed f -> "failed_" + f.failure().code().name().toLowerCase(Locale.ROOT);
            case JobState.Cancelled c -> "cancelled";
            case JobState.Expired e -> "draft_expired";
            case JobState.Draft d -> "unfinished";
            case JobState.Queued q -> "unfinished";
            case JobState.Submitting s -> "unfinished";
            case JobState.Generating g -> "unfinished";
            case JobState.Delivering d -> "unfinished";
        };
    }

    @Override
    public void stage(Stage stage, Duration took) {
        Timer.builder("kisscam_stage")
                .description("how long each stage of a job took")
                .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                // A generation may take minutes; the default buckets end at 30 s, where every percentile would stop.
                .maximumExpectedValue(Duration.ofMinutes(20))
                .register(registry).record(took);
    }

    @Override
    public void spent(Spend spend) {
        Counter.builder("kisscam_provider_spend_usd")
                .description("what the provider charged, by model")
                .tag("model", spend.model())
                .register(registry).increment(spend.usd().doubleValue());
    }

    @Override
    public void queue(int waitingJobs, int runningGenerations) {
        waiting.set(waitingJobs);
        running.set(runningGenerations);
    }
}
