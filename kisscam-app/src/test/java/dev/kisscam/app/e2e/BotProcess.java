package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.app.testing.PackagedProgram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged program ({@code kisscam.jar}) as a real child process, started with an environment and a
 * working directory of its own, its output captured to a file the tests can read.
 */
final class BotProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("kisscam is running; /health and /metrics on port (\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path output;

    private BotProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code kisscam <args>} in {@code directory} with exactly {@code env} (plus PATH and HOME). */
    static BotProcess start(Path directory, Map<String, String> env, String... args) throws IOException {
        Path output = Files.createTempFile(directory, "kisscam-", ".out");
        return new BotProcess(PackagedProgram.start(directory, output, List.of("-Xmx256m"), env, args), output);
    }

    /** Waits for the "running" line and returns the HTTP port it names. */
    int awaitRunning(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Matcher running = RUNNING.matcher(output());
            if (running.find()) {
                return Integer.parseInt(running.group(1));
            }
            if (!process.isAlive()) {
                throw new AssertionError("kisscam exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("kisscam did not start within " + timeout + ":\n" + output());
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    Process process() {
        return process;
    }

    /** SIGTERM, as a service manager stops a service; returns the exit status, or fails after {@code timeout}. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("kisscam stopped within " + timeout + " of SIGTERM; output:\n%s", output()).isTrue();
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed; what was persisted is all that survives. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                .as("kisscam exited within " + timeout + "; output:\n%s", output()).isTrue();
        return process.exitValue();
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Polls /metrics until it contains {@code expected} (the job's last step ends after the video is sent). */
    static String awaitMetrics(int port, String expected, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String metrics = get(port, "/metrics").body();
        while (!metrics.contains(expected) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            metrics = get(port, "/metrics").body();
        }
        assertThat(metrics).contains(expected);
        return metrics;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
