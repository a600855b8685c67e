package dev.kisscam.core.port.out;

import java.time.Duration;
import java.util.Objects;

/** How often the core polls a generator and when it gives up on a submission. */
public record PollingPolicy(Duration interval, Duration timeout) {
    public PollingPolicy {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative() || !timeout.isPositive()) {
            throw new IllegalArgumentException("interval must be >= 0 and timeout > 0");
        }
    }
}
