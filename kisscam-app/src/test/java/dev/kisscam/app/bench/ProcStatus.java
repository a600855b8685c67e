package dev.kisscam.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process as the Linux kernel counts it in {@code /proc/<pid>/status}: resident memory now and at its peak,
 * and the number of threads, which for a JVM are its platform threads (virtual threads are not kernel threads).
 */
record ProcStatus(long rssBytes, long peakRssBytes, int threads) {

    static ProcStatus of(long pid) {
        try {
            String status = Files.readString(Path.of("/proc", String.valueOf(pid), "status"));
            // The kernel gives memory in kB.
            return new ProcStatus(field(status, "VmRSS") * 1024, field(status, "VmHWM") * 1024,
                    (int) field(status, "Threads"));
        } catch (IOException e) {
            throw new UncheckedIOException("no status for process " + pid + " (is this Linux, is it running?)", e);
        }
    }

    /**
     * Starts the peak ({@code VmHWM}) over from the current RSS, so a peak measured afterwards belongs to
     * what happens afterwards and not to a warm-up before it.
     */
    static void resetPeak(long pid) {
        try {
            Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("could not reset the peak RSS of process " + pid, e);
        }
    }

    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException("no " + name + " in /proc status");
    }
}
