package dev.kisscam.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.testing.JobStoreContract;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MicrometerJobObserverTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerJobObserver observer = new MicrometerJobObserver(registry);

    @Test
    void outcomes_stages_queue_and_spend_appear_in_the_scrape() {
        observer.finished(JobStoreContract.sampleJob(1, new JobState.Done(Instant.EPOCH)));
        observer.finished(JobStoreContract.sampleJob(2, new JobState.Done(Instant.EPOCH)));
        observer.finished(JobStoreContract.sampleJob(3, new JobState.Failed(new Failure(FailureCode.MODERATION_BLOCKED, "x"))));
        observer.stage(JobObserver.Stage.GENERATION, Duration.ofSeconds(42));
        observer.queue(3, 4);
        observer.spent(new Spend("grok-imagine-video", 3_000_000_000L));
        observer.spent(new Spend("grok-imagine-video", 3_000_000_000L));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("kisscam_jobs_finished_total{outcome=\"delivered\"} 2.0")
                .contains("kisscam_jobs_finished_total{outcome=\"failed_moderation_blocked\"} 1.0")
                .contains("kisscam_stage_seconds_count{stage=\"generation\"} 1")
                .contains("kisscam_stage_seconds_bucket{stage=\"generation\"")
                .contains("kisscam_queue_depth 3.0")
                .contains("kisscam_generations_running 4.0")
                .contains("kisscam_provider_spend_usd_total{model=\"grok-imagine-video\"} 0.6");
    }
}
