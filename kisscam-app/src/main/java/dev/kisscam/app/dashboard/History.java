package dev.kisscam.app.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A few of the readings every {@link #STEP}, kept for the last {@link #SPAN}, for the charts and the rates. */
final class History {
    static final Duration STEP = Duration.ofSeconds(10);
    static final Duration SPAN = Duration.ofHours(1);

    /** What one sample keeps: totals since start, and levels at the moment. */
    record Sample(Instant at, double finishedJobs, double failedJobs, double providerCalls, double queueDepth,
            double generationsRunning, double hostCpu) {
        static Sample of(Instant at, Readings readings) {
            return new Sample(at, readings.finishedJobs(), readings.failed(), readings.providerCallsTotal(),
                    readings.queueDepth(), readings.generationsRunning(), readings.hostCpu());
        }
    }

    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    synchronized void add(Sample sample) {
        samples.addLast(sample);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(sample.at().minus(SPAN))) {
            samples.removeFirst();
        }
    }

    /** The samples of the last hour, oldest first, and {@code now} after them. */
    synchronized List<Sample> withNow(Sample now) {
        var all = new ArrayList<>(samples);
        all.add(now);
        return all;
    }

    /**
     * Jobs finished per minute over the last minute, or over as much of it as there is; empty until a sample
     * is at least a few seconds old.
     */
    synchronized Optional<Double> perMinute(Sample now) {
        Instant minuteAgo = now.at().minus(Duration.ofMinutes(1));
        Sample from = null;
        for (Sample sample : samples) {
            // The latest sample a minute old or older; the oldest one while none is that old.
            if (from == null || !sample.at().isAfter(minuteAgo)) {
                from = sample;
            }
        }
        if (from == null) {
            return Optional.empty();
        }
        double seconds = Duration.between(from.at(), now.at()).toMillis() / 1000.0;
        return seconds < 5 ? Optional.empty() : Optional.of((now.finishedJobs() - from.finishedJobs()) * 60 / seconds);
    }
}
