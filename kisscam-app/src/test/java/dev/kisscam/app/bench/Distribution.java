package dev.kisscam.app.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Durations measured once per job, summed up by nearest-rank percentiles. */
record Distribution(List<Duration> sorted) {
    Distribution {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a distribution needs at least one sample");
        }
        sorted = sorted.stream().sorted().toList();
    }

    static Distribution of(List<Duration> samples) {
        return new Distribution(samples);
    }

    /** The smallest sample that at least {@code fraction} of all samples do not exceed. */
    Duration percentile(double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    Duration max() {
        return sorted.getLast();
    }

    Duration min() {
        return sorted.getFirst();
    }

    Duration mean() {
        return sorted.stream().reduce(Duration.ZERO, Duration::plus).dividedBy(sorted.size());
    }

    /** One line: {@code p50 412 ms, p99 655 ms (min 390, mean 420, max 701; n=120)}. */
    String summary() {
        return String.format(Locale.ROOT, "p50 %d ms, p99 %d ms (min %d, mean %d, max %d; n=%d)",
                percentile(0.50).toMillis(), percentile(0.99).toMillis(), min().toMillis(), mean().toMillis(),
                max().toMillis(), sorted.size());
    }
}
