package dev.kisscam.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who may use the admin routes. With a token, a request needs it as {@code Authorization: Bearer <token>}, or the
 * session cookie the login form at {@code /login} sets (HttpOnly, SameSite=Strict); without one, every request is
 * let in, so the admin routes must then listen on the loopback interface only. Tokens are compared in constant
 * time, the cookie is a keyed hash of the token rather than the token, and neither is ever logged or shown.
 */
public final class AdminAccess {
    /** The session cookie the login form sets. */
    public static final String COOKIE = "kisscam_admin";
    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";
    private static final int MAX_FORM_BYTES = 4096;
    private static final int SESSION_SECONDS = 12 * 3600;

    private final Optional<byte[]> tokenDigest;
    private final Optional<String> session;

    private AdminAccess(Optional<String> token) {
        this.tokenDigest = token.map(AdminAccess::sha256);
        this.session = token.map(AdminAccess::sessionOf);
    }

    /** Everyone is let in: for admin routes that listen on 127.0.0.1 only. */
    public static AdminAccess open() {
        return new AdminAccess(Optional.empty());
    }

    public static AdminAccess withToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an admin token cannot be blank");
        }
        return new AdminAccess(Optional.of(token));
    }

    public static AdminAccess of(Optional<String> token) {
        return token.map(AdminAccess::withToken).orElseGet(AdminAccess::open);
    }

    public boolean asksForToken() {
        return tokenDigest.isPresent();
    }

    /** {@code handler} for those who may use it; everyone else is refused (a browser is sent to the login form). */
    public HttpHandler guard(HttpHandler handler) {
        return exchange -> {
            if (allowed(exchange)) {
                handler.handle(exchange);
                return;
            }
            try (exchange) {
                exchange.getRequestBody().close();
                String accept = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Accept")).orElse("");
                if ("GET".equals(exchange.getRequestMethod()) && accept.contains("text/html")) {
                    exchange.getResponseHeaders().set("Location", LOGIN);
                    exchange.sendResponseHeaders(303, -1);
                    return;
                }
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"kisscam admin\"");
                HttpEndpoint.send(exchange, 401, "text/plain; charset=utf-8",
                        "the admin token is needed\n".getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    boolean allowed(HttpExchange exchange) {
        if (tokenDigest.isEmpty()) {
            return true;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && matches(authorization.substring(7).strip())) {
            return true;
        }
        return cookie(exchange).filter(value -> MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), session.orElseThrow().getBytes(StandardCharsets.UTF_8))).isPresent();
    }

    /** The login form and the way out; with no token they only lead to the dashboard. */
    public Map<String, HttpHandler> routes() {
        return Map.of(LOGIN, this::login, LOGOUT, this::logout);
    }

    private void login(HttpExchange exchange) throws IOException {
        try (exchange) {
            LoginPage.Language language = LoginPage.Language.of(exchange.getRequestHeaders().getFirst("Accept-Language"));
            if (tokenDigest.isEmpty()) {
                redirect(exchange, "/dashboard");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET", "HEAD" -> LoginPage.send(exchange, 200, language, false);
                case "POST" -> {
                    Optional<String> token = formField(exchange.getRequestBody(), "token");
                    if (token.isPresent() && matches(token.get())) {
                        exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + session.orElseThrow()
                                + "; Path=/; Max-Age=" + SESSION_SECONDS + "; HttpOnly; SameSite=Strict" + secure(exchange));
                        redirect(exchange, "/dashboard");
                    } else {
                        LoginPage.send(exchange, 401, language, true);
                    }
                }
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                    exchange.sendResponseHeaders(405, -1);
                }
            }
        }
    }

    private void logout(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            exchange.getResponseHeaders().add("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                    + secure(exchange));
            redirect(exchange, tokenDigest.isPresent() ? LOGIN : "/dashboard");
        }
    }

    private boolean matches(String candidate) {
        // Digests first: equal lengths, so the comparison's time says nothing about the token's length either.
        return MessageDigest.isEqual(sha256(candidate), tokenDigest.orElseThrow());
    }

    private static String secure(HttpExchange exchange) {
        return "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")) ? "; Secure" : "";
    }

    private static void redirect(HttpExchange exchange, String to) throws IOException {
        exchange.getResponseHeaders().set("Location", to);
        exchange.sendResponseHeaders(303, -1);
    }

    private static Optional<String> cookie(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(COOKIE)) {
                    return Optional.of(pair.substring(eq + 1).strip());
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> formField(InputStream body, String name) throws IOException {
        byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
        if (bytes.length > MAX_FORM_BYTES) {
            return Optional.empty();
        }
        for (String pair : new String(bytes, StandardCharsets.US_ASCII).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What the session cookie holds: derived from the token, so a new token ends every session. */
    private static String sessionOf(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal("kisscam admin session".getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "AdminAccess[" + (asksForToken() ? "token" : "open, loopback only").toLowerCase(Locale.ROOT) + "]";
    }
}
