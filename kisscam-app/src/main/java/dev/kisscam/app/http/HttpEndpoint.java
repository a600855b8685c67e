package dev.kisscam.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The program's HTTP face on HOST:PORT, served by the JDK's server with a virtual thread per request:
 * {@code GET /health} (200 when ready and every check is up, else 503; only "up" or "down" per check, since
 * anyone may ask), {@code GET /health/details} (the same with each check's details, for operators),
 * {@code GET /metrics} (Prometheus text) and any extra routes, such as the Telegram webhook. Why a check is
 * down goes to the log, once when it goes down, not to whoever asks.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpEndpoint.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Map<String, Boolean> lastUp = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<HealthCheck> checks;
    private final Supplier<String> metrics;

    public HttpEndpoint(String host, int port, List<HealthCheck> checks, Supplier<String> metrics,
            Map<String, HttpHandler> routes) throws IOException {
        this.checks = List.copyOf(checks);
        this.metrics = metrics;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.setExecutor(executor);
        server.createContext("/health", get(exchange -> health(exchange, false)));
        server.createContext("/health/details", get(exchange -> health(exchange, true)));
        server.createContext("/metrics", get(this::metrics));
        routes.forEach(server::createContext);
    }

    public void start() {
        server.start();
        LOG.log(System.Logger.Level.INFO, "HTTP endpoint on " + server.getAddress());
    }

    /** Until ready, /health answers 503: the program is starting (or stopping). */
    public void ready(boolean isReady) {
        ready.set(isReady);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        ready.set(false);
        server.stop(1);
        executor.close();
    }

    private interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private static HttpHandler get(Responder responder) {
        return exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                responder.respond(exchange);
            }
        };
    }

    private void health(HttpExchange exchange, boolean withDetails) throws IOException {
        if (!withDetails && !"/health".equals(exchange.getRequestURI().getPath())) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        var report = new LinkedHashMap<String, Object>();
        boolean allUp = ready.get();
        var details = new LinkedHashMap<String, Object>();
        for (HealthCheck check : checks) {
            HealthCheck.Status status = status(check);
            allUp &= status.up();
            if (withDetails) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("status", status.up() ? "up" : "down");
                entry.putAll(status.details());
                details.put(check.name(), entry);
            } else {
                details.put(check.name(), status.up() ? "up" : "down");
            }
        }
        report.put("status", !ready.get() ? "starting" : allUp ? "up" : "down");
        report.put("checks", details);
        send(exchange, allUp ? 200 : 503, "application/json", JSON.writeValueAsBytes(report));
    }

    private HealthCheck.Status status(HealthCheck check) {
        HealthCheck.Status status;
        try {
            status = check.check();
        } catch (RuntimeException e) {
            status = HealthCheck.Status.down(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Boolean before = lastUp.put(check.name(), status.up());
        if (!status.up() && !Boolean.FALSE.equals(before)) {
            LOG.log(System.Logger.Level.WARNING, check.name() + " is down: " + status.details());
        } else if (status.up() && Boolean.FALSE.equals(before)) {
            LOG.log(System.Logger.Level.INFO, check.name() + " is up again");
        }
        return status;
    }

    private void metrics(HttpExchange exchange) throws IOException {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.get().getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
