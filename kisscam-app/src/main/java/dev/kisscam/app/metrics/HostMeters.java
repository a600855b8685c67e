package dev.kisscam.app.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The machine the bot runs on, beside the JVM's own meters: memory of the host, the disk that holds the storage,
 * and how long the process has been up. Read when scraped, so nothing runs in between.
 */
public final class HostMeters implements MeterBinder {
    private final Path disk;

    /** @param disk a directory on the disk to report on (it need not exist yet: its nearest parent that does is used) */
    public HostMeters(Path disk) {
        this.disk = disk;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            Gauge.builder("host_memory_total_bytes", os, com.sun.management.OperatingSystemMXBean::getTotalMemorySize)
                    .description("physical memory of the host (or the container's limit)").baseUnit("bytes")
                    .register(registry);
            Gauge.builder("host_memory_free_bytes", os, com.sun.management.OperatingSystemMXBean::getFreeMemorySize)
                    .description("physical memory not in use").baseUnit("bytes").register(registry);
        }
        new DiskSpaceMetrics(existing(disk.toAbsolutePath()).toFile()).bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    private static Path existing(Path path) {
        Path at = path;
        while (at != null && !at.toFile().exists()) {
            at = at.getParent();
        }
        return at == null ? new File(".").toPath().toAbsolutePath() : at;
    }
}
