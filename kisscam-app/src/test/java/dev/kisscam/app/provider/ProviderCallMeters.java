package dev.kisscam.app.provider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Reads the provider call metrics back in a form tests compare whole. */
final class ProviderCallMeters {
    private ProviderCallMeters() {
    }

    /** Every {@code kisscam_provider_calls} counter as "operation/status" to its count. */
    static Map<String, Double> counts(MeterRegistry registry) {
        var counts = new TreeMap<String, Double>();
        for (Counter counter : registry.find("kisscam_provider_calls").counters()) {
            counts.put(counter.getId().getTag("operation") + "/" + counter.getId().getTag("status"), counter.count());
        }
        return counts;
    }

    static Timer timer(MeterRegistry registry, String operation) {
        return registry.get("kisscam_provider_call_duration").tag("operation", operation).timer();
    }

    static double seconds(MeterRegistry registry, String operation) {
        return timer(registry, operation).totalTime(TimeUnit.SECONDS);
    }
}
