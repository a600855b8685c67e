package dev.kisscam.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/nginx-kisscam.conf}: read into its blocks and directives (nginx's own grammar: words, quoted
 * strings, {@code ;} and braces, {@code #} comments), it balances its braces and sends the webhook and /health
 * round robin to the instances. Where nginx is installed, {@code nginx -t} checks it too.
 */
class NginxConfigTest {
    private static final Path CONFIG = Path.of("..", "deploy", "nginx-kisscam.conf").toAbsolutePath().normalize();
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    @TempDir
    Path directory;

    /** A directive, {@code name args;}, or a block, {@code name args { children }}. */
    record Directive(String name, List<String> args, List<Directive> children) {
        Stream<Directive> all(String directive) {
            return children.stream().filter(child -> child.name.equals(directive));
        }

        Optional<Directive> first(String directive) {
            return all(directive).findFirst();
        }

        List<String> argsOf(String directive) {
            return all(directive).flatMap(child -> child.args.stream()).toList();
        }
    }

    static Directive parse(String text) {
        List<String> tokens = tokens(text);
        var root = new Directive("main", List.of(), new ArrayList<>());
        int end = parseInto(root, tokens, 0);
        if (end != tokens.size()) {
            throw new IllegalArgumentException("a '}' closes no block");
        }
        return root;
    }

    private static int parseInto(Directive block, List<String> tokens, int from) {
        int i = from;
        var words = new ArrayList<String>();
        while (i < tokens.size()) {
            String token = tokens.get(i++);
            switch (token) {
                case ";" -> {
                    requireName(words);
                    block.children.add(new Directive(words.getFirst(), List.copyOf(words.subList(1, words.size())), List.of()));
                    words.clear();
                }
                case "{" -> {
                    requireName(words);
                    var child = new Directive(words.getFirst(), List.copyOf(words.subList(1, words.size())), new ArrayList<>());
                    words.clear();
                    i = parseInto(child, tokens, i);
                    if (i > tokens.size() || !"}".equals(tokens.get(i - 1))) {
                        throw new IllegalArgumentException("the block '" + child.name + "' is never closed");
                    }
                    block.children.add(child);
                }
                case "}" -> {
                    if (!words.isEmpty()) {
                        throw new IllegalArgumentException("'" + words.getFirst() + "' lacks its ';'");
                    }
                    if (block.name.equals("main")) {
                        return i - 1;
                    }
                    return i;
                }
                default -> words.add(token);
            }
        }
        if (!words.isEmpty()) {
            throw new IllegalArgumentException("'" + words.getFirst() + "' lacks its ';'");
        }
        return block.name.equals("main") ? i : i + 1;
    }

    private static void requireName(List<String> words) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("a ';' or '{' without a directive");
        }
    }

    private static List<String> tokens(String text) {
        var tokens = new ArrayList<String>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == ';' || c == '{' || c == '}') {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    throw new IllegalArgumentException("an unclosed quote");
                }
                tokens.add(text.substring(i + 1, close));
                i = close + 1;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && ";{}".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(text.substring(start, i));
            }
        }
        return tokens;
    }

    private static Directive config() throws IOException {
        return parse(Files.readString(CONFIG));
    }

    private static Directive location(Directive root, String path) {
        return root.all("server").flatMap(server -> server.all("location"))
                .filter(location -> location.args.equals(List.of("=", path))).findFirst()
                .orElseThrow(() -> new AssertionError("no 'location = " + path + "'"));
    }

    @Test
    void the_reader_notices_an_unbalanced_brace_or_a_missing_semicolon() {
        assertThatThrownBy(() -> parse("upstream a { server x; ")).hasMessageContaining("never closed");
        assertThatThrownBy(() -> parse("upstream a { server x; } }")).hasMessageContaining("closes no block");
        assertThatThrownBy(() -> parse("upstream a { server x }")).hasMessageContaining("lacks its ';'");
        assertThat(parse("upstream a { server x; server 'y z'; }").children().getFirst().argsOf("server"))
                .containsExactly("x", "y z");
    }

    @Test
    void an_upstream_of_several_instances_round_robin() throws IOException {
        Directive upstream = config().all("upstream").filter(u -> u.args.equals(List.of("kisscam"))).findFirst()
                .orElseThrow(() -> new AssertionError("no 'upstream kisscam'"));
        List<Directive> servers = upstream.all("server").toList();

        assertThat(servers).hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(server -> assertThat(server.args.getFirst()).matches("127\\.0\\.0\\.1:80\\d\\d"));
        assertThat(servers.stream().map(server -> server.args.getFirst()).distinct()).hasSameSizeAs(servers);
        // Round robin is nginx's default: no other balancing method is named.
        assertThat(upstream.children()).extracting(Directive::name)
                .doesNotContain("ip_hash", "hash", "least_conn", "random");
    }

    @Test
    void the_webhook_and_health_go_to_the_upstream_over_tls_with_the_proxy_headers() throws IOException {
        Directive root = config();
        Directive tls = root.all("server").filter(server -> server.argsOf("listen").contains("ssl")).findFirst()
                .orElseThrow(() -> new AssertionError("no server listening with ssl"));
        Directive webhook = location(root, "/telegram/webhook");
        Directive health = location(root, "/health");

        assertThat(tls.argsOf("listen")).contains("443");
        assertThat(tls.first("ssl_certificate")).isPresent();
        assertThat(tls.first("ssl_certificate_key")).isPresent();
        assertThat(tls.all("location")).contains(webhook, health);
        assertThat(webhook.argsOf("proxy_pass")).containsExactly("http://kisscam");
        assertThat(health.argsOf("proxy_pass")).containsExactly("http://kisscam");
        assertThat(webhook.all("proxy_set_header").map(header -> header.args.getFirst()))
                .contains("Host", "X-Forwarded-For", "X-Forwarded-Proto");
        assertThat(webhook.argsOf("proxy_next_upstream")).contains("error", "http_503");
    }

    @Test
    void nginx_itself_accepts_it_where_it_is_installed() throws Exception {
        assumeTrue(Files.isExecutable(NGINX), "nginx is not installed here; the structure is checked above");
        // Without certificates on this machine: the same file, served over plain HTTP on a free port.
        String plain = Files.readString(CONFIG).replaceAll("(?m)^\\s*ssl_.*$", "").replace("listen 443 ssl;", "listen 127.0.0.1:18443;")
                .replace("listen 80;", "listen 127.0.0.1:18080;");
        Path site = Files.writeString(directory.resolve("kisscam.conf"), plain);
        Path main = Files.writeString(directory.resolve("nginx.conf"), "pid " + directory.resolve("nginx.pid")
                + ";\nerror_log stderr;\nevents {}\nhttp {\n    include " + site + ";\n}\n");

        Process process = new ProcessBuilder(NGINX.toString(), "-t", "-c", main.toString(), "-p", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
