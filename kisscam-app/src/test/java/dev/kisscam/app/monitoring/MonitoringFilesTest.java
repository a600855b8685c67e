package dev.kisscam.app.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.RunningBot;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/grafana/kisscam-dashboard.json imports into Grafana and deploy/prometheus/kisscam-alerts.yml loads into
 * Prometheus, and every metric either names is one a running bot serves on /metrics.
 */
class MonitoringFilesTest {
    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "kisscam-dashboard.json");
    private static final Path ALERTS = Path.of("..", "deploy", "prometheus", "kisscam-alerts.yml");
    /** Made by Prometheus for every scrape target, never served by the target itself. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");

    private static JsonNode dashboard;
    private static JsonNode alerts;
    private static Set<String> served;

    @BeforeAll
    static void readFilesAndScrapeARunningBot(@TempDir Path directory) throws Exception {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        alerts = new YAMLMapper().readTree(ALERTS.toFile());
        try (RunningBot bot = RunningBot.start(directory, Map.of())) {
            bot.deliverVideo(new FakeBotApi.User(901, "en"));
            bot.awaitFinished("delivered", 1);
            String metrics = bot.getAdmin("/metrics", null).body();
            served = metrics.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> dashboardExpressions() {
        var expressions = new ArrayList<String>();
        dashboard.path("panels").forEach(panel -> panel.path("targets")
                .forEach(target -> expressions.add(target.path("expr").asText())));
        return expressions;
    }

    private static List<JsonNode> rules() {
        var rules = new ArrayList<JsonNode>();
        alerts.path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    @Test
    void the_dashboard_imports_with_the_prometheus_data_source_as_a_variable() {
        assertThat(dashboard.path("title").asText()).isEqualTo("Kisscam");
        assertThat(dashboard.path("uid").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(dashboard.at("/__inputs/0/name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(dashboard.at("/__inputs/0/pluginId").asText()).isEqualTo("prometheus");
        JsonNode variable = dashboard.at("/templating/list/0");
        assertThat(variable.path("type").asText()).isEqualTo("datasource");
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");

        var ids = new HashSet<Integer>();
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(15);
        dashboard.path("panels").forEach(panel -> {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id " + panel.path("id")).isTrue();
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("type").asText()).isIn("stat", "timeseries");
            assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.path("gridPos").path("w").asInt()).isBetween(1, 24);
            assertThat(panel.path("targets").size()).isPositive();
            panel.path("targets").forEach(target -> {
                assertThat(target.path("refId").asText()).isNotBlank();
                assertThat(target.at("/datasource/uid").asText()).isEqualTo("${DS_PROMETHEUS}");
            });
        });
    }

    @Test
    void the_dashboard_has_the_panels_of_the_bots_own_page() {
        var named = dashboardExpressions().stream().flatMap(expr -> PromQl.metricNames(expr).stream())
                .collect(Collectors.toSet());

        assertThat(named).contains("kisscam_jobs_finished_total", "kisscam_queue_depth", "kisscam_generations_running",
                "kisscam_stage_seconds_bucket", "kisscam_active_users", "kisscam_provider_calls_total",
                "kisscam_spend_today_usd", "kisscam_spend_month_usd", "process_uptime_seconds", "system_cpu_usage",
                "host_memory_free_bytes", "disk_free_bytes");
    }

    @Test
    void every_metric_the_dashboard_and_the_alerts_name_is_served_by_a_running_bot() {
        var expressions = new ArrayList<>(dashboardExpressions());
        rules().forEach(rule -> expressions.add(rule.path("expr").asText()));

        for (String expr : expressions) {
            assertThat(PromQl.unbalanced(expr)).as(expr).isEmpty();
            var names = new TreeSet<>(PromQl.metricNames(expr));
            assertThat(names).as("metrics in " + expr).isNotEmpty();
            names.removeAll(FROM_PROMETHEUS);
            assertThat(served).as("served metrics, for " + expr).containsAll(names);
        }
    }

    @Test
    void the_alerts_cover_the_bot_telegram_xai_the_queue_failures_and_spend() {
        var byName = rules().stream().collect(Collectors.toMap(rule -> rule.path("alert").asText(), rule -> rule));

        assertThat(byName).containsKeys("KisscamDown", "KisscamTelegramUnreachable", "KisscamXaiCircuitOpen",
                "KisscamQueueGrowing", "KisscamFailureRateHigh", "KisscamDailySpendHigh");
        assertThat(byName.get("KisscamQueueGrowing").path("for").asText()).isEqualTo("10m");
        assertThat(byName.get("KisscamDailySpendHigh").path("expr").asText()).contains("kisscam_spend_alert_usd");
        for (JsonNode rule : rules()) {
            String name = rule.path("alert").asText();
            assertThat(rule.path("expr").asText()).as(name).isNotBlank();
            assertThat(rule.at("/labels/severity").asText()).as(name).isIn("critical", "warning", "info");
            assertThat(rule.at("/annotations/summary").asText()).as(name).isNotBlank();
            if (rule.has("for")) {
                assertThat(rule.path("for").asText()).as(name).matches("\\d+[smhd]");
            }
        }
    }

    @Test
    void promtool_accepts_the_rules_where_it_is_installed() throws Exception {
        var promtool = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .map(dir -> Path.of(dir, "promtool")).filter(Files::isExecutable).findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(promtool.isPresent(),
                "promtool is not installed; the expressions were checked by PromQl instead");

        Process check = new ProcessBuilder(promtool.get().toString(), "check", "rules", ALERTS.toString())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }

    @Test
    void the_expression_reader_finds_metrics_and_notices_what_is_left_open() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, stage) (rate(a_bucket{x=\"y\"}[5m])))"))
                .containsExactly("a_bucket");
        assertThat(PromQl.metricNames("max(a) > max(b) and max(b) > 0 or absent(up{job=\"k\"})"))
                .containsExactly("a", "b", "up");
        assertThat(PromQl.unbalanced("sum(rate(x[5m])")).isPresent();
        assertThat(PromQl.unbalanced("x{a=\"b)\"}")).isEmpty();
        assertThat(PromQl.unbalanced("x{a=\"b}")).isPresent();
    }
}
