package dev.kisscam.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kisscam.app.metrics.MicrometerJobObserver;
import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.testing.JobStoreContract;
import dev.kisscam.core.testing.MutableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dashboard shows what the registry holds, in the reader's language, and nothing about who the users are. */
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerJobObserver metrics = new MicrometerJobObserver(registry);
    private final RecentJobs recent = new RecentJobs(10);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final Dashboard dashboard = new Dashboard(registry, recent, clock);

    private void finish(long sequence, JobState state) {
        Job job = JobStoreContract.sampleJob(sequence, state, "telegram:9" + sequence);
        recent.saved(job);
        metrics.finished(job);
    }

    @Test
    void outcomes_success_rate_and_queue_come_from_the_registry() throws Exception {
        finish(1, new JobState.Done(Instant.EPOCH));
        finish(2, new JobState.Done(Instant.EPOCH));
        finish(3, new JobState.Done(Instant.EPOCH));
        finish(4, new JobState.Failed(new Failure(FailureCode.GENERATION_TIMED_OUT, "slow")));
        finish(5, new JobState.Cancelled());
        metrics.queue(7, 2);

        JsonNode data = JSON.valueToTree(dashboard.data(Wording.EN));

        assertThat(data.at("/text/delivered").asText()).isEqualTo("3");
        assertThat(data.at("/text/failed").asText()).isEqualTo("1");
        assertThat(data.at("/text/cancelled").asText()).isEqualTo("1");
        assertThat(data.at("/text/successRate").asText()).isEqualTo("75.0 %");
        assertThat(data.at("/text/queue").asText()).isEqualTo("7");
        assertThat(data.at("/text/generating").asText()).isEqualTo("2");
        assertThat(data.at("/failures/0/0").asText()).isEqualTo("generation_timed_out");
        assertThat(data.at("/text/deliveriesWaiting").asText()).isEqualTo("0");
        assertThat(data.at("/text/checksDown").asText()).isEqualTo("none");
        assertThat(data.at("/recent").size()).isEqualTo(5);
        assertThat(data.toString()).doesNotContain("telegram:").doesNotContain("chat-");
    }

    @Test
    void a_health_check_that_is_down_is_named() {
        io.micrometer.core.instrument.Gauge.builder("kisscam_health_check_up", () -> 0).tag("check", "provider")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("kisscam_health_check_up", () -> 1).tag("check", "storage")
                .register(registry);

        assertThat(dashboard.view(Wording.EN).text().get("checksDown")).isEqualTo("provider");
    }

    @Test
    void jobs_per_minute_is_the_rate_since_the_sample_a_minute_ago() {
        dashboard.sample();
        clock.advance(Duration.ofSeconds(30));
        dashboard.sample();
        clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 6; i++) {
            finish(10 + i, new JobState.Done(Instant.EPOCH));
        }

        assertThat(dashboard.view(Wording.EN).text().get("jobsPerMinute")).isEqualTo("6.0");
        assertThat(dashboard.view(Wording.EN).charts().get("queue")).isNotBlank();
    }

    @Test
    void median_and_95th_percentile_per_stage_are_read_from_the_histogram() {
        for (int i = 1; i <= 100; i++) {
            metrics.stage(JobObserver.Stage.GENERATION, Duration.ofSeconds(i));
        }
        Timer timer = registry.find("kisscam_stage").tag("stage", "generation").timer();

        double p50 = Readings.quantile(timer.takeSnapshot(), 0.5);
        double p95 = Readings.quantile(timer.takeSnapshot(), 0.95);

        // Histogram buckets bound the answer, as Prometheus' histogram_quantile would.
        assertThat(p50).isBetween(40.0, 65.0);
        assertThat(p95).isBetween(85.0, 120.0);
        assertThat(dashboard.view(Wording.EN).stages().get(2)).element(1).isEqualTo("100");
    }

    @Test
    void the_page_is_in_russian_for_a_russian_browser_and_escapes_what_it_shows() {
        finish(1, new JobState.Failed(new Failure(FailureCode.INTERNAL_ERROR, "<script>alert(1)</script>")));

        String page = Page.render(dashboard.view(Wording.forAcceptLanguage("ru-RU,ru;q=0.9,en;q=0.8")),
                Wording.RU, "n0nce", false);
        String english = Page.render(dashboard.view(Wording.forAcceptLanguage("de-DE,en;q=0.5")), Wording.EN, "n0nce", true);

        assertThat(page).contains("<html lang=\"ru\"").contains("доставлено").contains("последние задания")
                .doesNotContain("<script>alert");
        assertThat(english).contains("<html lang=\"en\"").contains("last jobs").contains("nonce=\"n0nce\"")
                .as("signed in with the form: may sign out").contains("id=\"signout\"");
        assertThat(page).doesNotContain("id=\"signout\"");
        assertThat(Wording.forAcceptLanguage("fr")).isEqualTo(Wording.EN);
        assertThat(Wording.forAcceptLanguage("not a ; header ,,")).isEqualTo(Wording.EN);
    }
}
