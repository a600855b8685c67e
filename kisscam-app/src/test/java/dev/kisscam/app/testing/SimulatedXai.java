package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful stand-in for xAI's API on 127.0.0.1, for end-to-end tests and benchmarks that run the real Grok
 * adapter: a vision model that counts people in {@link ScenePhotos}, video generations that take a set time
 * and then offer a small MP4 on this same server, and faults a test can inject at any moment. Requests are
 * served on virtual threads, so a thousand jobs polling at once is an ordinary load.
 *
 * <p>Endpoints, as the adapter calls them: {@code POST /v1/chat/completions}, {@code POST
 * /v1/videos/generations}, {@code GET /v1/videos/{request_id}} (all with {@code Authorization: Bearer
 * }{@link #apiKey()}), and {@code GET /files/{request_id}.mp4} without a key.
 */
public final class SimulatedXai implements AutoCloseable {
    /** A key that could never be mistaken for a live one. */
    private static final String API_KEY = "xai-sim-7d3f0c9e5a2b4e61";
    /** Room for a benchmark's burst of connections before the accept loop catches up. */
    private static final int BACKLOG = 4096;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final FaultPlan faults = new FaultPlan();
    private final SimulatedVision vision = new SimulatedVision();
    private final SubmissionStorm storm = new SubmissionStorm();
    private final VideoJobs jobs;
    private final VideoFiles files;

    private SimulatedXai(Duration generationTime) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
        jobs = new VideoJobs(URI.create(root() + VideoFiles.PATH), generationTime, System::nanoTime);
        files = new VideoFiles(jobs);
        server.setExecutor(executor);
        server.createContext("/v1/", new ApiHandler(API_KEY, faults, vision, jobs, storm));
        server.createContext(VideoFiles.PATH, files);
        server.createContext("/", exchange -> {
            try (exchange) {
                Reply.error(404, "not_found", "no such endpoint").send(exchange);
            }
        });
        server.start();
    }

    /** A running server whose generations take {@code generationTime} until told otherwise. */
    public static SimulatedXai start(Duration generationTime) {
        try {
            return new SimulatedXai(generationTime);
        } catch (IOException e) {
            throw new UncheckedIOException("the simulated xAI could not start", e);
        }
    }

    /** The key every API call must carry as a bearer token. */
    public static String apiKey() {
        return API_KEY;
    }

    /** The API root, {@code http://127.0.0.1:<port>/v1}, to configure the adapter with. */
    public URI baseUrl() {
        return URI.create(root() + "/v1");
    }

    /**
     * Makes the next {@code calls} API calls, to any endpoint under {@code /v1}, fail with {@code status}
     * (503 and 502 as unavailable, 500 as internal, 429 with {@code Retry-After: 1}); added behind failures
     * already queued. Calls without the right key still get 401 and use none up.
     */
    public void failNext(int calls, int status) {
        faults.failNext(calls, status);
    }

    /**
     * For {@code length}, every video submission is answered 429 with {@code Retry-After: retryAfterSeconds}, as
     * when the team's video rate limit is reached; people detection and polls go on.
     */
    public void rateLimitSubmissionsFor(Duration length, int retryAfterSeconds) {
        storm.start(length, retryAfterSeconds);
    }

    /** Submissions refused by {@link #rateLimitSubmissionsFor}. */
    public int rateLimitedSubmissions() {
        return storm.refused();
    }

    /** The outage is over: failures still queued by {@link #failNext} are dropped. */
    public void recover() {
        faults.clear();
    }

    /** The next generation submitted finishes blocked by moderation: done, without a video. */
    public void blockNextGeneration() {
        jobs.blockNextGeneration();
    }

    /** How long generations submitted from now on take; those already running keep their time. */
    public void generationTime(Duration time) {
        jobs.generationTime(time);
    }

    /** Generations accepted (answered with a {@code request_id}); refused and failed calls do not count. */
    public int submissions() {
        return jobs.submissions();
    }

    /** People questions the vision model answered. */
    public int peopleQuestions() {
        return vision.answered();
    }

    /** Videos served from {@code /files}. */
    public int downloads() {
        return files.downloads();
    }

    /** The {@code request_id}s handed out, in the order the submissions were accepted. */
    public List<String> submittedRequestIds() {
        return jobs.requestIds();
    }

    /**
     * The body of an accepted submission as it was sent, except that an inline image is kept only as its type
     * and size ({@code data:image/jpeg;base64,(123456 bytes, not kept)}).
     */
    public Optional<JsonNode> submittedBody(String requestId) {
        return jobs.body(requestId);
    }

    /**
     * Waits until at least {@code count} submissions have been accepted, and says whether that happened
     * within {@code timeout}. An interrupt ends the wait early, with the thread's interrupt flag kept.
     */
    public boolean awaitSubmissions(int count, Duration timeout) {
        return jobs.await(count, timeout);
    }

    /**
     * Waits until {@code count} polls of accepted generations were answered. A client polls only after it
     * saved the {@code request_id}, so the first poll proves the ticket is persisted.
     */
    public boolean awaitPolls(int count, Duration timeout) {
        return jobs.awaitPolls(count, timeout);
    }

    /** Stops at once: open connections are dropped, not drained. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        executor.close();
    }

    @Override
    public String toString() {
        return "SimulatedXai[" + baseUrl() + "]";
    }

    private String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
