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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The program's HTTP face, served by the JDK's server with a virtual thread per request. On HOST:PORT, for
 * anyone: {@code GET /health} (200 when ready and every check is up, else 503; only "up" or "down" per check)
 * and the public routes, such as the Telegram webhook. For operators, behind {@link AdminAccess}:
 * {@code GET /health/details} (each check's details), {@code GET /metrics} (Prometheus text), the admin routes
 * (the dashboard) and the login form; on the same listener, or on one of their own when the admin listener
 * differs. Why a check is down goes to the log, once when it goes down, not to whoever asks.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HttpEndpoint.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final HttpServer adminServer;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final Map<String, Boolean> lastUp = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<HealthCheck> checks;
    private final Supplier<String> metrics;

    /** Where a server listens. */
    public record Listener(String host, int port) {
    }

    /** Another program listens on {@code listener} already. */
    public static final class ListenerInUse extends java.net.BindException {
        private final Listener listener;

        ListenerInUse(Listener listener) {
            super(listener.host() + ":" + listener.port() + " is in use");
            this.listener = listener;
        }

        public Listener listener() {
            return listener;
        }
    }

    /** Everything on one listener that lets everyone in: only for a listener on the loopback interface. */
    public HttpEndpoint(String host, int port, List<HealthCheck> checks, Supplier<String> metrics,
            Map<String, HttpHandler> routes) throws IOException {
        this(new Listener(host, port), Optional.empty(), AdminAccess.open(), checks, metrics, routes, Map.of());
    }

    /**
     * @param adminApart where the admin routes listen when not on {@code main}
     * @param publicRoutes served to anyone on {@code main}
     * @param adminRoutes served behind {@code access}, beside /health/details and /metrics
     */
    public HttpEndpoint(Listener main, Optional<Listener> adminApart, AdminAccess access, List<HealthCheck> checks,
            Supplier<String> metrics, Map<String, HttpHandler> publicRoutes, Map<String, HttpHandler> adminRoutes)
            throws IOException {
        this.checks = List.copyOf(checks);
        this.metrics = metrics;
        this.server = create(main);
        publicRoutes.forEach(server::createContext);
        this.adminServer = adminApart.isEmpty() ? server : createBeside(adminApart.get());
        adminServer.createContext("/health/details", access.guard(get(exchange -> health(exchange, true))));
        adminServer.createContext("/metrics", access.guard(get(this::metrics)));
        adminRoutes.forEach((path, handler) -> adminServer.createContext(path, access.guard(handler)));
        access.routes().forEach(adminServer::createContext);
    }

    /** The admin server; if it cannot listen, the main one, which already does, is let go. */
    private HttpServer createBeside(Listener admin) throws IOException {
        try {
            return create(admin);
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            executor.close();
            throw e;
        }
    }

    private HttpServer create(Listener listener) throws IOException {
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(listener.host(), listener.port()), 128);
        } catch (java.net.BindException inUse) {
            throw new ListenerInUse(listener);
        }
        created.setExecutor(executor);
        created.createContext("/health", get(exchange -> health(exchange, false)));
        return created;
    }

    public void start() {
        server.start();
        if (adminServer != server) {
            adminServer.start();
            LOG.log(System.Logger.Level.INFO, "HTTP endpoint on " + server.getAddress() + ", admin routes on "
                    + adminServer.getAddress());
        } else {
            LOG.log(System.Logger.Level.INFO, "HTTP endpoint on " + server.getAddress());
        }
    }

    /** Until ready, /health answers 503: the program is starting (or stopping). */
    public void ready(boolean isReady) {
        ready.set(isReady);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The port of the admin routes: {@link #port()} when they share its listener. */
    public int adminPort() {
        return adminServer.getAddress().getPort();
    }

    @Override
    public void close() {
        ready.set(false);
        server.stop(1);
        if (adminServer != server) {
            adminServer.stop(1);
        }
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
