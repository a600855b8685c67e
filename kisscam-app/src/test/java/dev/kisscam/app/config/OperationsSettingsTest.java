package dev.kisscam.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the admin routes listen, and whether they ask for a token, follows from HOST, PORT and ADMIN_*. */
class OperationsSettingsTest {
    private static final String ADMIN_TOKEN = "admin-token-0123456789abcdef";

    private static Map<String, String> env(String... pairs) {
        var env = new HashMap<String, String>();
        env.put("TELEGRAM_BOT_TOKEN", "123456:telegram-token-for-tests");
        env.put("GROK_API_KEY", "xai-key-for-operations-tests");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static AppConfig valid(Map<String, String> env) {
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        assertThat(loaded).isInstanceOf(ConfigLoader.Valid.class);
        return ((ConfigLoader.Valid) loaded).config();
    }

    private static List<String> problems(Map<String, String> env) {
        var loaded = ConfigLoader.load(env, ConfigLoader.Purpose.BOT);
        assertThat(loaded).isInstanceOf(ConfigLoader.Invalid.class);
        return ((ConfigLoader.Invalid) loaded).problems();
    }

    @Test
    void without_a_token_on_a_public_host_the_admin_routes_take_the_next_port_on_loopback() {
        AppConfig config = valid(env());

        AppConfig.Operations operations = config.operations();
        assertThat(operations.adminPort()).isEqualTo(8001);
        assertThat(operations.sharesListener(config.server())).isFalse();
        assertThat(operations.adminHost(config.server())).isEqualTo("127.0.0.1");
        assertThat(operations.spendAlertUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void without_a_token_on_loopback_they_share_the_listener() {
        AppConfig config = valid(env("HOST", "127.0.0.1", "PORT", "9000"));

        assertThat(config.operations().adminPort()).isEqualTo(9000);
        assertThat(config.operations().sharesListener(config.server())).isTrue();
    }

    @Test
    void with_a_token_they_share_the_public_listener_unless_given_a_port_of_their_own() {
        AppConfig shared = valid(env("ADMIN_TOKEN", ADMIN_TOKEN));
        AppConfig apart = valid(env("ADMIN_TOKEN", ADMIN_TOKEN, "ADMIN_PORT", "9100"));

        assertThat(shared.operations().sharesListener(shared.server())).isTrue();
        assertThat(shared.operations().adminHost(shared.server())).isEqualTo("0.0.0.0");
        assertThat(apart.operations().sharesListener(apart.server())).isFalse();
        assertThat(apart.operations().adminPort()).isEqualTo(9100);
    }

    @Test
    void the_public_port_cannot_be_the_admin_port_without_a_token_and_short_tokens_are_refused() {
        var samePort = problems(env("ADMIN_PORT", "8000"));
        var shortToken = problems(env("ADMIN_TOKEN", "short-one"));
        var badValues = problems(env("SPEND_ALERT_USD", "-5", "SENTRY_DSN", "ftp://x"));

        assertThat(samePort).anyMatch(p -> p.startsWith("ADMIN_PORT cannot be PORT"));
        assertThat(shortToken).containsExactly("ADMIN_TOKEN must have at least 16 characters");
        assertThat(String.join("\n", shortToken)).doesNotContain("short-one");
        assertThat(badValues).contains("SPEND_ALERT_USD cannot be negative", "SENTRY_DSN must be an http(s) URL");
        assertThat(String.join("\n", badValues)).doesNotContain("ftp://x");
    }

    @Test
    void the_token_and_the_dsn_are_secrets_masked_everywhere() {
        AppConfig config = valid(env("ADMIN_TOKEN", ADMIN_TOKEN, "SENTRY_DSN", "https://key123@sentry.example/7",
                "SPEND_ALERT_USD", "12.5"));

        String described = String.join("\n", ConfigLoader.describe(config));
        assertThat(described).doesNotContain(ADMIN_TOKEN).doesNotContain("key123").contains("ADMIN_TOKEN=****")
                .contains("SENTRY_DSN=****").contains("SPEND_ALERT_USD=12.5").contains("ADMIN_PORT=8000");
        assertThat(ConfigLoader.secrets(config)).contains(ADMIN_TOKEN, "https://key123@sentry.example/7");
        assertThat(config.toString()).doesNotContain(ADMIN_TOKEN).doesNotContain("key123");
    }

    @Test
    void a_daily_budget_counts_jobs_in_flight_at_the_videos_list_price() {
        AppConfig config = valid(env("DAILY_SPEND_LIMIT_USD", "5", "VIDEO_DURATION", "10"));
        AppConfig none = valid(env());

        assertThat(config.core().dailySpendLimitTicks()).isEqualTo(50_000_000_000L);
        assertThat(config.core().expectedTicksPerJob()).as("10 s at $0.05").isEqualTo(5_000_000_000L);
        assertThat(ConfigLoader.describe(config)).contains("DAILY_SPEND_LIMIT_USD=5");
        assertThat(none.core().dailySpendLimitTicks()).isZero();
        assertThat(problems(env("DAILY_SPEND_LIMIT_USD", "-1"))).contains("DAILY_SPEND_LIMIT_USD cannot be negative");
        assertThat(problems(env("DAILY_SPEND_LIMIT_USD", "lots"))).contains("DAILY_SPEND_LIMIT_USD must be a number, was 'lots'");
    }
}
