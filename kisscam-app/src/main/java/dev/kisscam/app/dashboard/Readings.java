package dev.kisscam.app.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The numbers of the moment, read from the registry that /metrics renders, so the dashboard and Prometheus
 * never disagree. Counters are totals since the process started.
 */
record Readings(Map<String, Double> outcomes, double queueDepth, double generationsRunning, double activeUsers,
        List<StageTimes> stages, Map<String, Double> providerCalls, double providerErrors, double spendTodayUsd,
        double spendMonthUsd, double dailyLimitUsd, boolean budgetReached, double uptimeSeconds, double hostCpu,
        double processCpu, double memoryTotal, double memoryFree, double diskTotal, double diskFree, double heapUsed,
        double heapMax, double deliveriesWaiting, List<String> checksDown) {

    static final List<String> STAGES = List.of("intake", "queue", "generation", "delivery");
    /** The answers a provider call can bring; any other status is a call that went wrong. */
    private static final Set<String> ANSWERS = Set.of("ok", "pending", "ready", "blocked", "failed");

    /** How long a stage took, by its histogram: median and 95th percentile in seconds (NaN before any). */
    record StageTimes(String stage, long count, double p50, double p95) {
    }

    static Readings of(MeterRegistry registry) {
        var outcomes = new TreeMap<String, Double>();
        for (Counter counter : registry.find("kisscam_jobs_finished").counters()) {
            outcomes.merge(counter.getId().getTag("outcome"), counter.count(), Double::sum);
        }
        var calls = new TreeMap<String, Double>();
        double errors = 0;
        for (Counter counter : registry.find("kisscam_provider_calls").counters()) {
            calls.merge(counter.getId().getTag("operation"), counter.count(), Double::sum);
            if (!ANSWERS.contains(counter.getId().getTag("status"))) {
                errors += counter.count();
            }
        }
        var stages = STAGES.stream().map(stage -> stageTimes(registry, stage)).toList();
        double heapUsed = registry.find("jvm.memory.used").tag("area", "heap").gauges().stream()
                .mapToDouble(Gauge::value).sum();
        double heapMax = registry.find("jvm.memory.max").tag("area", "heap").gauges().stream()
                .mapToDouble(Gauge::value).filter(v -> v > 0).sum();
        var checksDown = registry.find("kisscam_health_check_up").gauges().stream().filter(g -> g.value() < 1)
                .map(g -> g.getId().getTag("check")).sorted().toList();
        return new Readings(outcomes, gauge(registry, "kisscam_queue_depth"),
                gauge(registry, "kisscam_generations_running"), gauge(registry, "kisscam_active_users"), stages, calls,
                errors, gauge(registry, "kisscam_spend_today_usd"), gauge(registry, "kisscam_spend_month_usd"),
                gauge(registry, "kisscam_daily_spend_limit_usd"), gauge(registry, "kisscam_daily_budget_reached") > 0,
                uptime(registry), gauge(registry, "system.cpu.usage"), gauge(registry, "process.cpu.usage"),
                gauge(registry, "host_memory_total_bytes"), gauge(registry, "host_memory_free_bytes"),
                gauge(registry, "disk.total"), gauge(registry, "disk.free"), heapUsed, heapMax,
                gauge(registry, "kisscam_deliveries_waiting"), checksDown);
    }

    double delivered() {
        return outcomes.getOrDefault("delivered", 0.0);
    }

    double cancelled() {
        return outcomes.getOrDefault("cancelled", 0.0);
    }

    /** Failed jobs by reason, the reason without its {@code failed_} prefix. */
    Map<String, Double> failedBy() {
        var failed = new LinkedHashMap<String, Double>();
        outcomes.forEach((outcome, count) -> {
            if (outcome.startsWith("failed_")) {
                failed.put(outcome.substring("failed_".length()), count);
            }
        });
        return failed;
    }

    double failed() {
        return failedBy().values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Jobs that reached the end of their run: delivered, failed or cancelled (expired drafts never were jobs). */
    double finishedJobs() {
        return delivered() + failed() + cancelled();
    }

    /** Delivered out of delivered and failed; NaN before either. */
    double successRate() {
        double decided = delivered() + failed();
        return decided == 0 ? Double.NaN : delivered() / decided;
    }

    double providerCallsTotal() {
        return providerCalls.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    private static double gauge(MeterRegistry registry, String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

    private static double uptime(MeterRegistry registry) {
        var uptime = registry.find("process.uptime").timeGauge();
        return uptime == null ? Double.NaN : uptime.value(TimeUnit.SECONDS);
    }

    private static StageTimes stageTimes(MeterRegistry registry, String stage) {
        Timer timer = registry.find("kisscam_stage").tag("stage", stage).timer();
        if (timer == null || timer.count() == 0) {
            return new StageTimes(stage, 0, Double.NaN, Double.NaN);
        }
        HistogramSnapshot snapshot = timer.takeSnapshot();
        return new StageTimes(stage, snapshot.count(), quantile(snapshot, 0.5), quantile(snapshot, 0.95));
    }

    /**
     * The quantile in seconds, read from the histogram as Prometheus' histogram_quantile does: linear within the
     * bucket it falls in.
     */
    static double quantile(HistogramSnapshot snapshot, double q) {
        CountAtBucket[] buckets = snapshot.histogramCounts();
        Arrays.sort(buckets, (a, b) -> Double.compare(a.bucket(), b.bucket()));
        long total = snapshot.count();
        if (total == 0 || buckets.length == 0) {
            return Double.NaN;
        }
        // Registries differ in whether a bucket counts its own values or every value up to its bound.
        double sum = Arrays.stream(buckets).mapToDouble(CountAtBucket::count).sum();
        boolean cumulative = sum > total;
        double rank = q * total;
        double lowerBound = 0;
        double below = 0;
        for (CountAtBucket bucket : buckets) {
            double upTo = cumulative ? bucket.count() : below + bucket.count();
            if (upTo >= rank && upTo > below) {
                double upper = bucket.bucket(TimeUnit.SECONDS);
                return lowerBound + (upper - lowerBound) * (rank - below) / (upTo - below);
            }
            lowerBound = bucket.bucket(TimeUnit.SECONDS);
            below = upTo;
        }
        // Beyond the last bucket: the largest value recorded is the best bound there is.
        return snapshot.max(TimeUnit.SECONDS);
    }
}
