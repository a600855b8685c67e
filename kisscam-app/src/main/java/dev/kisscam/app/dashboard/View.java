package dev.kisscam.app.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The dashboard as words and shapes: every number formatted for the reader's language, the charts as SVG
 * points, the tables as rows of text. Made once per request; the page and its refreshes both show exactly this.
 *
 * @param text each figure by its key
 * @param charts each chart's polyline points in a {@value #WIDTH} by {@value #HEIGHT} box
 */
record View(String language, Map<String, String> text, Map<String, String> charts, List<List<String>> failures,
        List<List<String>> stages, List<List<String>> recent, boolean budgetReached) {

    static final int WIDTH = 300;
    static final int HEIGHT = 60;
    private static final String DASH = "—";

    static View of(Wording words, Readings now, History.Sample sample, List<History.Sample> hour,
            Optional<Double> perMinute, List<RecentJobs.Row> jobs) {
        var format = new Formats(words);
        var text = new LinkedHashMap<String, String>();
        text.put("updated", DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(sample.at()) + " UTC");
        text.put("uptime", format.uptime(now.uptimeSeconds()));
        text.put("jobsPerMinute", perMinute.map(format::decimal).orElse(DASH));
        text.put("delivered", format.count(now.delivered()));
        text.put("failed", format.count(now.failed()));
        text.put("cancelled", format.count(now.cancelled()));
        text.put("successRate", format.percent(now.successRate()));
        text.put("queue", format.count(now.queueDepth()));
        text.put("generating", format.count(now.generationsRunning()));
        text.put("activeUsers", format.count(now.activeUsers()));
        text.put("providerCalls", format.count(now.providerCallsTotal()));
        text.put("providerErrors", format.count(now.providerErrors()));
        text.put("deliveriesWaiting", format.count(now.deliveriesWaiting()));
        text.put("checksDown", now.checksDown().isEmpty() ? words.word("allUp") : String.join(", ", now.checksDown()));
        text.put("spendToday", format.usd(now.spendTodayUsd()));
        text.put("spendMonth", format.usd(now.spendMonthUsd()));
        text.put("dailyLimit", now.dailyLimitUsd() > 0 ? format.usd(now.dailyLimitUsd()) : words.word("none"));
        text.put("hostCpu", format.percent(now.hostCpu()));
        text.put("processCpu", format.percent(now.processCpu()));
        text.put("memory", format.share(now.memoryTotal() - now.memoryFree(), now.memoryTotal()));
        text.put("disk", format.share(now.diskTotal() - now.diskFree(), now.diskTotal()));
        text.put("heap", format.share(now.heapUsed(), now.heapMax()));

        var charts = new LinkedHashMap<String, String>();
        List<Double> jobsPerMinute = rates(hour);
        double jobsMax = Math.max(1, jobsPerMinute.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        charts.put("jobs", points(hour.subList(Math.min(1, hour.size()), hour.size()), jobsPerMinute, jobsMax, sample.at()));
        double queueMax = Math.max(1, hour.stream().mapToDouble(s -> Math.max(s.queueDepth(), s.generationsRunning()))
                .filter(v -> !Double.isNaN(v)).max().orElse(0));
        charts.put("queue", points(hour, History.Sample::queueDepth, queueMax, sample.at()));
        charts.put("running", points(hour, History.Sample::generationsRunning, queueMax, sample.at()));
        charts.put("cpu", points(hour, History.Sample::hostCpu, 1, sample.at()));
        text.put("chartJobsMax", format.decimal(jobsMax));
        text.put("chartQueueMax", format.count(queueMax));

        var failures = new ArrayList<List<String>>();
        now.failedBy().forEach((reason, count) -> failures.add(List.of(reason, format.count(count))));
        var stages = now.stages().stream().map(stage -> List.of(words.word("stage." + stage.stage()),
                format.count(stage.count()), format.duration(stage.p50()), format.duration(stage.p95()))).toList();
        var recent = jobs.stream().map(job -> List.of(job.id().substring(0, Math.min(8, job.id().length())),
                job.requester(), words.word("state." + job.state()),
                format.duration(Duration.between(job.createdAt(), sample.at()).toMillis() / 1000.0),
                format.duration(job.queue()), format.duration(job.generation()), format.duration(job.delivery()),
                format.usd(job.costTicks() / 1e10), job.failure().orElse(""))).toList();
        return new View(words.language(), text, charts, failures, stages, recent, now.budgetReached());
    }

    /** Jobs finished per minute between each sample and the one before it. */
    private static List<Double> rates(List<History.Sample> hour) {
        var rates = new ArrayList<Double>();
        for (int i = 1; i < hour.size(); i++) {
            double seconds = Duration.between(hour.get(i - 1).at(), hour.get(i).at()).toMillis() / 1000.0;
            double finished = hour.get(i).finishedJobs() - hour.get(i - 1).finishedJobs();
            rates.add(seconds <= 0 ? 0 : Math.max(0, finished) * 60 / seconds);
        }
        return rates;
    }

    private static String points(List<History.Sample> samples, ToDoubleFunction<History.Sample> value, double max,
            Instant now) {
        return points(samples, samples.stream().map(value::applyAsDouble).toList(), max, now);
    }

    /**
     * The values placed over the last hour, ending at {@code now} on the right edge; over the time since the first
     * sample (a minute at least) while there is less than an hour of them.
     */
    private static String points(List<History.Sample> samples, List<Double> values, double max, Instant now) {
        var points = new StringBuilder();
        Instant hourAgo = now.minus(History.SPAN);
        Instant first = samples.isEmpty() ? hourAgo : samples.getFirst().at();
        Instant start = first.isAfter(hourAgo) ? first : hourAgo;
        if (start.isAfter(now.minus(Duration.ofMinutes(1)))) {
            start = now.minus(Duration.ofMinutes(1));
        }
        long span = Duration.between(start, now).toMillis();
        for (int i = 0; i < samples.size() && i < values.size(); i++) {
            double v = values.get(i);
            if (Double.isNaN(v)) {
                continue;
            }
            double x = Duration.between(start, samples.get(i).at()).toMillis() * WIDTH / (double) span;
            double y = HEIGHT - 2 - Math.min(1, Math.max(0, v / max)) * (HEIGHT - 4);
            if (!points.isEmpty()) {
                points.append(' ');
            }
            points.append(String.format(Locale.ROOT, "%.1f,%.1f", Math.max(0, x), y));
        }
        return points.toString();
    }

    /** Numbers as a reader of the language writes them. */
    private record Formats(Wording words) {
        String count(double value) {
            return Double.isNaN(value) ? DASH : String.format(words.locale(), "%,d", Math.round(value));
        }

        String decimal(double value) {
            return Double.isNaN(value) ? DASH : String.format(words.locale(), "%.1f", value);
        }

        String percent(double share) {
            return Double.isNaN(share) || share < 0 ? DASH : String.format(words.locale(), "%.1f %%", share * 100);
        }

        String share(double used, double total) {
            if (Double.isNaN(used) || Double.isNaN(total) || total <= 0) {
                return DASH;
            }
            return percent(used / total) + " (" + bytes(used) + " / " + bytes(total) + ")";
        }

        String bytes(double bytes) {
            return bytes >= 1e9 ? String.format(words.locale(), "%.1f GB", bytes / 1e9)
                    : String.format(words.locale(), "%.0f MB", bytes / 1e6);
        }

        String usd(double usd) {
            if (Double.isNaN(usd)) {
                return DASH;
            }
            return "$" + String.format(Locale.ROOT, usd > 0 && usd < 0.01 ? "%.4f" : "%.2f", usd);
        }

        String duration(Optional<Duration> duration) {
            return duration.map(d -> duration(d.toMillis() / 1000.0)).orElse("");
        }

        String duration(double seconds) {
            boolean ru = words == Wording.RU;
            if (Double.isNaN(seconds)) {
                return DASH;
            }
            if (seconds < 1) {
                return String.format(words.locale(), "%d %s", Math.round(seconds * 1000), ru ? "мс" : "ms");
            }
            if (seconds < 10) {
                return String.format(words.locale(), "%.1f %s", seconds, ru ? "с" : "s");
            }
            if (seconds < 120) {
                return String.format(words.locale(), "%d %s", Math.round(seconds), ru ? "с" : "s");
            }
            if (seconds < 7200) {
                return String.format(words.locale(), "%.1f %s", seconds / 60, ru ? "мин" : "min");
            }
            return String.format(words.locale(), "%.1f %s", seconds / 3600, ru ? "ч" : "h");
        }

        String uptime(double seconds) {
            if (Double.isNaN(seconds)) {
                return DASH;
            }
            long s = (long) seconds;
            boolean ru = words == Wording.RU;
            return String.format("%d %s %02d:%02d:%02d", s / 86_400, ru ? "д" : "d", s / 3600 % 24, s / 60 % 60, s % 60);
        }
    }
}
