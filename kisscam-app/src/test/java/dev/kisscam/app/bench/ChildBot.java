package dev.kisscam.app.bench;

import dev.kisscam.app.testing.PackagedProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java @bin/jvm.options -jar kisscam.jar bot} as a child process with exactly the environment given, on
 * the JVM that runs the benchmark: the options the launcher and the documented {@code java -jar} line use, unless
 * {@code -Dkisscam.bench.botJvmArgs} names others (a heap limit, a flight recording; "none" for the JVM's own
 * defaults). The HTTP port is chosen here, because at LOG_LEVEL=WARN the
 * bot does not log the port it picked for PORT=0.
 */
final class ChildBot implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What bin/kisscam starts the bot with. */
    static final String LAUNCHER_OPTIONS = "@" + Path.of("..", "bin", "jvm.options").toAbsolutePath().normalize();
    /** Options for the bot's JVM, separated by spaces; the launcher's by default. */
    static final List<String> JVM_ARGS = List.of(System.getProperty("kisscam.bench.botJvmArgs", LAUNCHER_OPTIONS)
                    .strip().split("\\s+"))
            .stream().filter(arg -> !arg.isEmpty() && !arg.equals("none")).toList();

    private final Process process;
    private final Instant startedAt;
    private final int port;
    private final Path output;

    private final GcLog gcLog;

    private ChildBot(Process process, Instant startedAt, int port, Path output, GcLog gcLog) {
        this.process = process;
        this.startedAt = startedAt;
        this.port = port;
        this.output = output;
        this.gcLog = gcLog;
    }

    static ChildBot start(Path directory, Map<String, String> env) throws IOException {
        int port = freePort();
        Path output = Files.createTempFile(directory, "kisscam-", ".out");
        var withPort = new HashMap<>(env);
        withPort.put("PORT", String.valueOf(port));
        // The collector's log is how the heap's peaks are measured: it costs the bot nothing.
        var gcLog = new GcLog(Files.createTempFile(directory, "kisscam-gc-", ".log"));
        var jvmArgs = new ArrayList<>(JVM_ARGS);
        jvmArgs.add(gcLog.option());
        Instant startedAt = Instant.now();
        return new ChildBot(PackagedProgram.start(directory, output, jvmArgs, withPort, "bot"), startedAt, port, output,
                gcLog);
    }

    /** Waits until /health answers 200: storage, provider and the update source are up. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kisscam exited with " + process.exitValue() + ":\n" + output());
            }
            if (healthStatus() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("kisscam was not ready within " + timeout + ":\n" + output());
    }

    /** Waits until {@code count} jobs have been delivered and are over, as the bot's own metrics count them. */
    void awaitDelivered(double count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        double delivered = metrics().delivered();
        while (delivered < count) {
            requireNoFailedJobs();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(delivered + " of " + count + " jobs delivered within " + timeout);
            }
            Thread.sleep(200);
            delivered = metrics().delivered();
        }
    }

    /** Throws once a job has ended without its video: the numbers of this run would not be comparable. */
    void requireNoFailedJobs() {
        try {
            double undelivered = metrics().undelivered();
            if (undelivered > 0) {
                throw new AssertionError(undelivered + " jobs ended without a video:\n" + output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the bot's metrics", e);
        }
    }

    Instant startedAt() {
        return startedAt;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time the bot has used so far, user and system. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    int port() {
        return port;
    }

    GcLog gcLog() {
        return gcLog;
    }

    Metrics metrics() throws IOException, InterruptedException {
        return Metrics.scrape(port);
    }

    /** Everything the bot wrote: at LOG_LEVEL=WARN, only what went wrong. */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int healthStatus() throws InterruptedException {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListeningYet) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** SIGKILL: nothing is saved on the way out, as when a machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
