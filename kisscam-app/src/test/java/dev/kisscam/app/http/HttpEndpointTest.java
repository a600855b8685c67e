package dev.kisscam.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpEndpointTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean storageUp = new AtomicBoolean(true);
    private HttpEndpoint endpoint;

    private HttpEndpoint start(Map<String, HttpHandler> routes) throws IOException {
        HealthCheck storage = new HealthCheck() {
            @Override
            public String name() {
                return "storage";
            }

            @Override
            public Status check() {
                return storageUp.get() ? Status.up(Map.of("path", "/data")) : Status.down("disk full");
            }
        };
        endpoint = new HttpEndpoint("127.0.0.1", 0, List.of(storage), () -> "kisscam_queue_depth 2.0\n", routes);
        endpoint.start();
        return endpoint;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        endpoint.close();
    }

    @Test
    void health_is_503_until_ready_then_200_with_each_check() throws Exception {
        start(Map.of());
        var starting = get("/health");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).contains("\"status\":\"starting\"");

        endpoint.ready(true);
        var up = get("/health");

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(up.body()).isEqualTo("{\"status\":\"up\",\"checks\":{\"storage\":\"up\"}}");
        assertThat(get("/health/details").body())
                .isEqualTo("{\"status\":\"up\",\"checks\":{\"storage\":{\"status\":\"up\",\"path\":\"/data\"}}}");
    }

    @Test
    void a_failing_check_makes_health_503_and_says_why_only_to_operators() throws Exception {
        start(Map.of()).ready(true);
        storageUp.set(false);

        var down = get("/health");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"down\",\"checks\":{\"storage\":\"down\"}}");
        assertThat(get("/health/details").body()).contains("disk full");
    }

    @Test
    void metrics_are_served_as_prometheus_text() throws Exception {
        start(Map.of());
        var metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.body()).isEqualTo("kisscam_queue_depth 2.0\n");
    }

    @Test
    void extra_routes_are_mounted_and_unknown_paths_are_404() throws Exception {
        start(Map.of("/telegram/webhook", exchange -> {
            try (exchange) {
                HttpEndpoint.send(exchange, 204, "text/plain", new byte[0]);
            }
        }));
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/telegram/webhook"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(204);
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
        assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/health"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(405);
    }
}
