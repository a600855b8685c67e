package dev.kisscam.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin routes ask for the token when there is one; /health tells anyone only up or down. */
class AdminAccessTest {
    private static final String TOKEN = "s3cret-admin-token-0123456789";
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpEndpoint endpoint;

    private static final HealthCheck STORAGE = new HealthCheck() {
        @Override
        public String name() {
            return "storage";
        }

        @Override
        public Status check() {
            return Status.up(Map.of("path", "/var/lib/kisscam"));
        }
    };

    private static final HttpHandler PAGE = exchange -> {
        try (exchange) {
            HttpEndpoint.send(exchange, 200, "text/html", "the dashboard".getBytes(StandardCharsets.UTF_8));
        }
    };

    private void start(HttpEndpoint.Listener main, Optional<HttpEndpoint.Listener> admin, AdminAccess access)
            throws IOException {
        endpoint = new HttpEndpoint(main, admin, access, List.of(STORAGE), () -> "kisscam_queue_depth 2.0\n",
                Map.of(), Map.of("/dashboard", PAGE));
        endpoint.ready(true);
        endpoint.start();
    }


    private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> login(String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Test
    void with_a_token_the_admin_routes_refuse_whoever_does_not_bring_it() throws Exception {
        var here = new HttpEndpoint.Listener("127.0.0.1", 0);
        start(here, Optional.empty(), AdminAccess.withToken(TOKEN));
        int port = endpoint.port();

        assertThat(get(port, "/metrics").statusCode()).isEqualTo(401);
        assertThat(get(port, "/metrics").headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
        assertThat(get(port, "/health/details").statusCode()).isEqualTo(401);
        assertThat(get(port, "/dashboard", "Accept", "application/json").statusCode()).isEqualTo(401);
        assertThat(get(port, "/metrics", "Authorization", "Bearer not-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get(port, "/metrics", "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);

        var metrics = get(port, "/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("kisscam_queue_depth");
        assertThat(get(port, "/health/details", "Authorization", "bearer " + TOKEN).body()).contains("/var/lib/kisscam");
    }

    @Test
    void health_without_the_token_says_only_up_or_down() throws Exception {
        var here = new HttpEndpoint.Listener("127.0.0.1", 0);
        start(here, Optional.empty(), AdminAccess.withToken(TOKEN));

        var health = get(endpoint.port(), "/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"up\",\"checks\":{\"storage\":\"up\"}}");
    }

    @Test
    void a_browser_is_sent_to_the_login_form_which_sets_an_http_only_cookie_that_is_not_the_token() throws Exception {
        var here = new HttpEndpoint.Listener("127.0.0.1", 0);
        start(here, Optional.empty(), AdminAccess.withToken(TOKEN));
        int port = endpoint.port();

        var page = get(port, "/dashboard", "Accept", "text/html,application/xhtml+xml");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/login");
        var form = get(port, "/login", "Accept-Language", "ru");
        assertThat(form.body()).contains("type=\"password\"").contains("Токен администратора").doesNotContain(TOKEN);

        var wrong = login("guess-" + TOKEN);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        var right = login(TOKEN);
        assertThat(right.statusCode()).isEqualTo(303);
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain(TOKEN);

        String session = cookie.substring(0, cookie.indexOf(';'));
        var withCookie = get(port, "/dashboard", "Cookie", session, "Accept", "text/html");
        assertThat(withCookie.statusCode()).isEqualTo(200);
        assertThat(withCookie.body()).isEqualTo("the dashboard");
        assertThat(get(port, "/dashboard", "Cookie", "kisscam_admin=forged", "Accept", "application/json").statusCode())
                .isEqualTo(401);
    }

    @Test
    void on_an_admin_port_of_their_own_the_admin_routes_are_not_on_the_public_one() throws Exception {
        start(new HttpEndpoint.Listener("127.0.0.1", 0), Optional.of(new HttpEndpoint.Listener("127.0.0.1", 0)),
                AdminAccess.open());

        assertThat(endpoint.adminPort()).isNotEqualTo(endpoint.port());
        assertThat(get(endpoint.port(), "/metrics").statusCode()).isEqualTo(404);
        assertThat(get(endpoint.port(), "/dashboard").statusCode()).isEqualTo(404);
        assertThat(get(endpoint.port(), "/health/details").statusCode()).isEqualTo(404);
        assertThat(get(endpoint.port(), "/health").statusCode()).isEqualTo(200);
        assertThat(get(endpoint.adminPort(), "/metrics").statusCode()).isEqualTo(200);
        assertThat(get(endpoint.adminPort(), "/dashboard").body()).isEqualTo("the dashboard");
    }

    @Test
    void the_access_never_shows_its_token() {
        assertThat(AdminAccess.withToken(TOKEN).toString()).doesNotContain(TOKEN);
    }
}
