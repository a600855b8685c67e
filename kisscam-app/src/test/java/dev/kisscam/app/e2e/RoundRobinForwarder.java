package dev.kisscam.app.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A load balancer in the small, as deploy/nginx-kisscam.conf sets one up: on 127.0.0.1 it passes each POST (path,
 * body, Content-Type and Telegram's secret header) to the next instance in turn, and to the one after when an
 * instance refuses the connection (nginx's proxy_next_upstream on error); 502 when none answers.
 */
final class RoundRobinForwarder implements AutoCloseable {
    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private final List<Integer> ports;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().executor(threads).build();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray served;

    RoundRobinForwarder(List<Integer> ports) throws IOException {
        this.ports = List.copyOf(ports);
        this.served = new AtomicLongArray(ports.size());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How many requests the instance at {@code index} answered. */
    long served(int index) {
        return served.get(index);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            int first = Math.floorMod(next.getAndIncrement(), ports.size());
            for (int tried = 0; tried < ports.size(); tried++) {
                int index = (first + tried) % ports.size();
                var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(index)
                                + exchange.getRequestURI()))
                        .header("Content-Type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                String secret = exchange.getRequestHeaders().getFirst(SECRET_HEADER);
                if (secret != null) {
                    request.header(SECRET_HEADER, secret);
                }
                try {
                    HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                    served.incrementAndGet(index);
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                    return;
                } catch (ConnectException refused) {
                    // That instance is down: the next one gets the request, as behind nginx.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            exchange.sendResponseHeaders(502, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
        threads.close();
    }
}
