package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.InvalidConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TelegramConfigTest {
    private static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz-123_456";

    @Test
    void long_polling_against_the_public_bot_api_by_default() {
        TelegramConfig config = TelegramConfig.longPolling(TOKEN);

        assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.telegram.org"));
        assertThat(config.mode()).isEqualTo(TelegramConfig.Mode.LONG_POLLING);
        assertThat(config.webhookSecret()).isEmpty();
        assertThat(config.albumWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxDownloadBytes()).isEqualTo(20L * 1024 * 1024);
    }

    @Test
    void every_broken_rule_is_reported_at_once_by_the_variable_an_operator_sets() {
        assertThatThrownBy(() -> TelegramConfig.of(null, URI.create("https://api.telegram.org/bot1/"),
                TelegramConfig.Mode.WEBHOOK, Optional.empty()))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactlyInAnyOrder("TELEGRAM_BOT_TOKEN is required: the bot token from @BotFather",
                                "TELEGRAM_API_URL takes a scheme, host and port only (no path), was"
                                        + " 'https://api.telegram.org/bot1/'",
                                "TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook"));
    }

    @Test
    void a_relative_or_non_web_api_url_is_refused() {
        for (String url : new String[] {"telegram.local", "ftp://api.telegram.org"}) {
            assertThatThrownBy(() -> TelegramConfig.longPolling(TOKEN).withApiUrl(URI.create(url))).as(url)
                    .isInstanceOf(InvalidConfiguration.class)
                    .hasMessage("TELEGRAM_API_URL must be an http(s) URL, was '" + url + "'");
        }
    }

    @Test
    void a_malformed_token_or_secret_is_refused_without_being_quoted() {
        String token = "not-a-bot-token";
        String secret = "has spaces and !";

        assertThatThrownBy(() -> TelegramConfig.webhook(token, secret))
                .isInstanceOfSatisfying(InvalidConfiguration.class, invalid -> assertThat(invalid.problems())
                        .containsExactlyInAnyOrder(
                                "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters)",
                                "TELEGRAM_WEBHOOK_SECRET must be 1 to 256 of A-Z a-z 0-9 _ -")
                        .noneMatch(problem -> problem.contains(token) || problem.contains(secret)));
    }

    @Test
    void a_chats_burst_is_at_least_one_call() {
        assertThat(TelegramConfig.FloodLimits.TELEGRAM.burstPerChat()).isEqualTo(3);
        assertThatThrownBy(() -> new TelegramConfig.FloodLimits(30, 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a chat's burst is at least one call");
    }

    @Test
    void the_secrets_never_show_in_to_string() {
        String shown = TelegramConfig.webhook(TOKEN, "hook-secret_1").toString();

        assertThat(shown).doesNotContain(TOKEN).doesNotContain("hook-secret_1").contains("botToken=***");
    }
}
