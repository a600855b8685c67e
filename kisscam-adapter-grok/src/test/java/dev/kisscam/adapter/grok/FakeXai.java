package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kisscam.core.domain.PersonBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;

/**
 * A fake xAI on 127.0.0.1: an API server and a separate file host, answering with the shapes the live API
 * sends (see the reference notes on xAI), plus a configuration that points the adapter at them with tiny
 * back-off so retries cost no time. Video submissions that break the documented rules are refused as xAI
 * refuses them ({@link XaiRules}).
 */
final class FakeXai implements AutoCloseable {
    static final String KEY = "xai-test-key-4f1c9a77d2";
    static final ObjectMapper JSON = new ObjectMapper();

    /** Gives up on an answer after 300 ms, for answers that never come. */
    static final GrokConfig.Timeouts IMPATIENT = new GrokConfig.Timeouts(
            Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ofSeconds(5));

    final MockWebServer api = new MockWebServer();
    final MockWebServer files = new MockWebServer();
    /** Checks every video submission the way xAI does; queued answers or {@link #answerWith} answer the rest. */
    final XaiRules rules = new XaiRules();

    FakeXai() {
        api.setDispatcher(rules);
        try {
            api.start(InetAddress.getByName("127.0.0.1"), 0);
            files.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Retries after 1..4 ms, a second of patience for answers, breakers that stay closed unless a test says. */
    GrokConfig.Builder config() {
        return GrokConfig.builder(KEY)
                .baseUrl(URI.create(api.url("/v1").toString()))
                .timeouts(new GrokConfig.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
                        Duration.ofSeconds(5)))
                .retry(new GrokConfig.RetrySettings(3, Duration.ofMillis(1), Duration.ofMillis(4), Duration.ofSeconds(2)))
                .circuitBreaker(new GrokConfig.BreakerSettings(50, 100, 100, Duration.ofMinutes(10)))
                .rateLimit(new GrokConfig.RateLimitSettings(1000, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .submitsPerSecond(1000);
    }

    /** {@code dispatcher} answers the API's requests from now on, behind {@link #rules}. */
    void answerWith(mockwebserver3.Dispatcher dispatcher) {
        rules.answerWith(dispatcher);
    }

    GrokAdapters adapters() {
        return GrokAdapters.create(config().build());
    }

    GrokAdapters adapters(PixelCodec codec) {
        return GrokAdapters.create(config().build(), codec);
    }

    String videoUrl(String name) {
        return files.url("/vids/" + name).toString();
    }

    RecordedRequest take(MockWebServer server) {
        try {
            RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the fake server").isNotNull();
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    RecordedRequest takeApi() {
        return take(api);
    }

    static JsonNode json(RecordedRequest request) {
        try {
            return JSON.readTree(request.getBody().utf8());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        api.close();
        files.close();
    }

    /** A port on loopback that nothing listens on: connecting is refused at once. */
    static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- answers, as the live API sends them ----

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse submitted(String requestId) {
        return json(200, "{\"request_id\":\"" + requestId + "\"}");
    }

    static MockResponse runningWithoutBody() {
        return new MockResponse.Builder().code(202).build();
    }

    static MockResponse running(int progress) {
        return json(202, "{\"status\":\"pending\",\"progress\":" + progress + "}");
    }

    static MockResponse done(String url, long ticks) {
        return json(200, "{\"status\":\"done\",\"video\":{\"url\":\"" + url + "\",\"duration\":6,"
                + "\"respect_moderation\":true},\"model\":\"grok-imagine-video\","
                + "\"usage\":{\"cost_in_usd_ticks\":" + ticks + "},\"progress\":100}");
    }

    static MockResponse blockedByModeration(long ticks) {
        return json(200, "{\"status\":\"done\",\"video\":{\"url\":\"\",\"duration\":6,\"respect_moderation\":false},"
                + "\"model\":\"grok-imagine-video\",\"usage\":{\"cost_in_usd_ticks\":" + ticks + "},\"progress\":100}");
    }

    static MockResponse failed(String code, String message) {
        return json(200, "{\"status\":\"failed\",\"video\":{\"duration\":0,\"respect_moderation\":true},\"model\":\"\","
                + "\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
    }

    static MockResponse expired() {
        return json(200, "{\"status\":\"expired\",\"video\":{\"duration\":0,\"respect_moderation\":true},\"model\":\"\"}");
    }

    /** The gRPC-status shape, xAI's most common error body. */
    static MockResponse grpcError(int status, String code, String error) {
        return json(status, "{\"code\":\"" + code + "\",\"error\":\"" + error + "\"}");
    }

    static MockResponse openAiError(int status, String message, String type, String code) {
        return json(status, "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}");
    }

    static MockResponse bareError(int status, String error) {
        return json(status, "{\"error\":\"" + error + "\"}");
    }

    static MockResponse withRetryAfter(MockResponse response, String value) {
        return response.newBuilder().setHeader("Retry-After", value).build();
    }

    /** Reads the request, then never answers: the client's read timeout ends it. */
    static MockResponse silence() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
    }

    static MockResponse mp4(byte[] video) {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "video/mp4")
                .body(new Buffer().write(video)).build();
    }

    /** A chat completion whose message content is {@code content}, as the vision model answers. */
    static MockResponse completion(String content, long ticks) {
        ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                .put("created", 1_764_000_000).put("model", "grok-4.3");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        body.putObject("usage").put("prompt_tokens", 1200).put("completion_tokens", 60).put("total_tokens", 1260)
                .put("cost_in_usd_ticks", ticks);
        return json(200, body.toString());
    }

    /** The structured answer for {@code people} people, with these boxes. */
    static String peopleJson(int people, boolean underage, List<PersonBox> boxes) {
        ObjectNode answer = JSON.createObjectNode().put("people", people).put("anyone_looks_under_18", underage);
        var array = answer.putArray("boxes");
        for (PersonBox box : boxes) {
            array.addObject().put("left", box.left()).put("top", box.top()).put("width", box.width()).put("height", box.height());
        }
        return answer.toString();
    }
}
