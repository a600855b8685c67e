package dev.kisscam.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/** The bot's {@code /metrics} (Prometheus text), read for the few numbers a benchmark wants. */
final class Metrics {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String text;

    private Metrics(String text) {
        this.text = text;
    }

    static Metrics scrape(int port) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build();
        return new Metrics(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** Heap in use: {@code jvm_memory_used_bytes} summed over the pools with {@code area="heap"}. */
    long heapUsedBytes() {
        return (long) sum("jvm_memory_used_bytes", "area=\"heap\"");
    }

    /** Jobs that ended with a delivered video, since the bot started. */
    double delivered() {
        return value("kisscam_jobs_finished_total", "outcome=\"delivered\"").orElse(0);
    }

    /** Jobs that ended any other way than with a delivered video: failed, cancelled or expired. */
    double undelivered() {
        return value("kisscam_jobs_finished_total", "").orElse(0) - delivered();
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}; empty if there are none. */
    OptionalDouble value(String name, String label) {
        boolean found = text.lines().anyMatch(line -> matches(line, name, label));
        return found ? OptionalDouble.of(sum(name, label)) : OptionalDouble.empty();
    }

    private double sum(String name, String label) {
        return text.lines().filter(line -> matches(line, name, label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static boolean matches(String line, String name, String label) {
        return (line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(label);
    }
}
