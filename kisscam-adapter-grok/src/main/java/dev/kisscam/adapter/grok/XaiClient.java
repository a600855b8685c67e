package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.util.Properties;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.BufferedSource;

/**
 * The HTTP side of xAI: builds authenticated requests, reads and classifies answers, and runs every call
 * through {@link Resilience}. Technology exceptions end here as {@link XaiFailure}s.
 */
final class XaiClient {
    static final String USER_AGENT = "kisscam/" + projectVersion();

    private static final String INTERRUPTED = "interrupted";
    private static final MediaType JSON = MediaType.get("application/json");
    /** API answers are a few kilobytes; anything far larger is not an answer we asked for. */
    private static final long MAX_ANSWER_BYTES = 4L * 1024 * 1024;

    private final OkHttpClient api;
    private final OkHttpClient files;
    private final HttpUrl baseUrl;
    private final String authorization;
    private final ObjectMapper json;
    private final Resilience resilience;
    private final Secrets secrets;
    private final Clock clock;

    /**
     * @param api the shared client, used as is for the API
     * @param files the same client with the download's timeouts; it follows redirects across hosts and never
     *     sends the key
     */
    XaiClient(OkHttpClient api, OkHttpClient files, GrokConfig config, ObjectMapper json, Resilience resilience,
            Secrets secrets, Clock clock) {
        this.api = api;
        this.files = files;
        this.baseUrl = HttpUrl.get(config.baseUrl().toString());
        this.authorization = "Bearer " + config.apiKey();
        this.json = json;
        this.resilience = resilience;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** An answer with a 2xx status; anything else was thrown as an {@link XaiFailure}. */
    record Answer(int status, byte[] body) {
    }

    Answer post(Endpoint endpoint, String path, JsonWithPictures body, Repeat repeat) {
        return resilience.call(endpoint, posting(endpoint, repeat, path, body));
    }

    /** A video submission: paced on its own, and sent again only where it provably was not accepted. */
    Answer submit(String path, JsonWithPictures body) {
        return resilience.submission(posting(Endpoint.VIDEO, Repeat.ONLY_IF_UNSENT, path, body));
    }

    private Supplier<Answer> posting(Endpoint endpoint, Repeat repeat, String path, JsonWithPictures body) {
        HttpUrl url = baseUrl.newBuilder().addPathSegments(path).build();
        return () -> {
            var sent = new TrackedBody(body);
            return exchange(endpoint, repeat, apiRequest(url).post(sent).build(), sent);
        };
    }

    Answer get(Endpoint endpoint, String... pathSegments) {
        HttpUrl.Builder url = baseUrl.newBuilder();
        for (String segment : pathSegments) {
            url.addPathSegment(segment);
        }
        Request request = apiRequest(url.build()).get().build();
        return resilience.call(endpoint, () -> exchange(endpoint, Repeat.SAFE, request, null));
    }

    /**
     * One GET, outside the retries, the pace and the circuit breakers: a check at start whose answer, or the lack
     * of one, must be told at once. Failures come out as {@link XaiFailure}s, as for any call.
     */
    Answer getOnce(String... pathSegments) {
        HttpUrl.Builder url = baseUrl.newBuilder();
        for (String segment : pathSegments) {
            url.addPathSegment(segment);
        }
        return exchange(Endpoint.VISION, Repeat.SAFE, apiRequest(url.build()).get().build(), null);
    }

    /** Opens a file on the file host (no key); the caller closes the body. */
    ResponseBody openFile(HttpUrl url) {
        Request request = new Request.Builder().url(url).header("User-Agent", USER_AGENT).get().build();
        Endpoint endpoint = Endpoint.VIDEO_DOWNLOAD;
        return resilience.call(endpoint, () -> {
            Response response;
            try {
                response = execute(files.newCall(request));
            } catch (IOException e) {
                throw ioFailure(endpoint, Repeat.SAFE, e, true);
            }
            if (!response.isSuccessful()) {
                try (response) {
                    throw failureFrom(endpoint, Repeat.SAFE, response, readCapped(endpoint, response.body().source()));
                } catch (IOException e) {
                    throw ioFailure(endpoint, Repeat.SAFE, e, true);
                }
            }
            return response.body();
        });
    }

    /** The answer's JSON object, strictly: empty, malformed or non-object answers are invalid responses. */
    JsonNode parseObject(Endpoint endpoint, byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw XaiFailure.invalidResponse(endpoint, "the answer is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw XaiFailure.invalidResponse(endpoint, "the answer is not valid JSON");
        }
    }

    ObjectMapper json() {
        return json;
    }

    Secrets secrets() {
        return secrets;
    }

    private Request.Builder apiRequest(HttpUrl url) {
        return new Request.Builder().url(url)
                .header("Authorization", authorization)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
    }

    private Answer exchange(Endpoint endpoint, Repeat repeat, Request request, TrackedBody body) {
        try (Response response = execute(api.newCall(request))) {
            byte[] answer = readCapped(endpoint, response.body().source());
            if (!response.isSuccessful()) {
                throw failureFrom(endpoint, repeat, response, answer);
            }
            return new Answer(response.code(), answer);
        } catch (IOException e) {
            throw ioFailure(endpoint, repeat, e, body == null || body.written());
        }
    }

    private XaiFailure failureFrom(Endpoint endpoint, Repeat repeat, Response response, byte[] body) {
        ErrorBody error = ErrorBody.parse(body, json);
        ErrorBody redacted = new ErrorBody(secrets.redact(error.code()), secrets.redact(error.message()));
        return XaiFailure.forStatus(endpoint, repeat, response.code(), redacted,
                RetryAfter.parse(response.header("Retry-After"), clock));
    }

    /**
     * A failure without an answer. Whether a submission was accepted cannot be known once its body was
     * written, whatever ended the call (a read timeout, a reset, even an interrupt).
     */
    private XaiFailure ioFailure(Endpoint endpoint, Repeat repeat, IOException e, boolean sent) {
        if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException) && INTERRUPTED.equals(e.getMessage())) {
            // How Okio and execute() report an interrupt: make sure the flag is up for our callers and the retry.
            Thread.currentThread().interrupt();
        }
        String detail = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + secrets.redact(e.getMessage()));
        if (sent && repeat == Repeat.ONLY_IF_UNSENT) {
            return XaiFailure.answerLost(endpoint, repeat, detail, e);
        }
        if (Thread.currentThread().isInterrupted()) {
            return XaiFailure.interrupted(endpoint, e);
        }
        return sent ? XaiFailure.answerLost(endpoint, repeat, detail, e) : XaiFailure.unsent(endpoint, detail, e);
    }

    /**
     * OkHttp is written in Kotlin, which declares no checked exceptions: an interrupt while it connects can
     * escape as an undeclared {@link InterruptedException}, which is turned into the IOException Java expects,
     * with the interrupt flag restored.
     */
    private static Response execute(Call call) throws IOException {
        try {
            return call.execute();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception undeclared) {
            if (undeclared instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            var interrupted = new InterruptedIOException(INTERRUPTED);
            interrupted.initCause(undeclared);
            throw interrupted;
        }
    }

    private static byte[] readCapped(Endpoint endpoint, BufferedSource source) throws IOException {
        if (source.request(MAX_ANSWER_BYTES + 1)) {
            throw XaiFailure.invalidResponse(endpoint, "the answer exceeds " + MAX_ANSWER_BYTES + " bytes");
        }
        return source.readByteArray();
    }

    private static String projectVersion() {
        var properties = new Properties();
        try (InputStream in = XaiClient.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the Grok adapter");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    /**
     * A JSON body that remembers whether it was written completely: until then the server cannot have
     * accepted the request. One-shot, so OkHttp itself never sends it twice.
     */
    private static final class TrackedBody extends RequestBody {
        private final JsonWithPictures content;
        private volatile boolean written;

        TrackedBody(JsonWithPictures content) {
            this.content = content;
        }

        boolean written() {
            return written;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return content.length();
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            content.writeTo(sink);
            written = true;
        }
    }
}
