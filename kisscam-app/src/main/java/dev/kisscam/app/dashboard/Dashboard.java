package dev.kisscam.app.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.kisscam.app.http.AdminAccess;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The operators' page: {@code GET /dashboard} (HTML, every asset inline) and {@code GET /dashboard/data} (the
 * same view as JSON, which the page fetches to refresh itself in place). Its numbers are read from the registry
 * /metrics renders; a sample of them every ten seconds draws the charts of the last hour. Who may see it is for
 * whoever serves these routes to decide.
 */
public final class Dashboard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Dashboard.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String PAGE = "/dashboard";
    public static final String DATA = "/dashboard/data";

    private final MeterRegistry registry;
    private final RecentJobs recentJobs;
    private final Clock clock;
    private final History history = new History();
    private ScheduledExecutorService sampler;

    public Dashboard(MeterRegistry registry, RecentJobs recentJobs, Clock clock) {
        this.registry = registry;
        this.recentJobs = recentJobs;
        this.clock = clock;
    }

    /** Starts sampling for the charts. */
    public synchronized void start() {
        if (sampler != null) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kisscam-dashboard").factory());
        sampler.scheduleAtFixedRate(this::sample, 0, History.STEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    void sample() {
        try {
            history.add(History.Sample.of(clock.instant(), Readings.of(registry)));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dashboard sample failed: " + e, e);
        }
    }

    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** The page and its data, by path. */
    public Map<String, HttpHandler> routes() {
        return Map.of(PAGE, exchange -> answer(exchange, PAGE, this::page), DATA, exchange -> answer(exchange, DATA, this::data));
    }

    View view(Wording words) {
        Readings readings = Readings.of(registry);
        History.Sample now = History.Sample.of(clock.instant(), readings);
        return View.of(words, readings, now, history.withNow(now), history.perMinute(now), recentJobs.rows());
    }

    /** The view, and the raw numbers behind it for scripts. */
    Map<String, Object> data(Wording words) {
        var data = new LinkedHashMap<String, Object>();
        View view = view(words);
        data.put("language", view.language());
        data.put("text", view.text());
        data.put("charts", view.charts());
        data.put("failures", view.failures());
        data.put("stages", view.stages());
        data.put("recent", view.recent());
        data.put("budgetReached", view.budgetReached());
        return data;
    }

    private interface Body {
        byte[] render(Wording words, HttpExchange exchange) throws IOException;
    }

    private byte[] page(Wording words, HttpExchange exchange) {
        String nonce = Page.nonce();
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Content-Security-Policy", Page.policy(nonce));
        String cookies = String.valueOf(exchange.getRequestHeaders().get("Cookie"));
        return Page.render(view(words), words, nonce, cookies.contains(AdminAccess.COOKIE + "="))
                .getBytes(StandardCharsets.UTF_8);
    }

    private byte[] data(Wording words, HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        return JSON.writeValueAsBytes(data(words));
    }

    private static void answer(HttpExchange exchange, String path, Body body) throws IOException {
        try (exchange) {
            if (!path.equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Wording words = Wording.forAcceptLanguage(exchange.getRequestHeaders().getFirst("Accept-Language"));
            byte[] bytes = body.render(words, exchange);
            Page.noCaching(exchange);
            exchange.getResponseHeaders().set("Content-Language", words.language());
            exchange.getResponseHeaders().set("Vary", "Accept-Language, Cookie, Authorization");
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(200, head ? -1 : bytes.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }
}
