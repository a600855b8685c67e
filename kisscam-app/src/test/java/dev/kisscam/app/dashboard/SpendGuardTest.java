package dev.kisscam.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.RunningBot;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DAILY_SPEND_LIMIT_USD refuses new jobs once the day's spend reaches it, and operators see it. */
class SpendGuardTest {
    @TempDir
    Path directory;

    @Test
    void once_the_budget_is_spent_the_next_user_is_refused_politely_and_the_dashboard_and_metrics_say_so()
            throws Exception {
        try (RunningBot bot = RunningBot.start(directory, Map.of("DAILY_SPEND_LIMIT_USD", "0.25",
                "SPEND_ALERT_USD", "0.2"))) {
            JsonNode before = new ObjectMapper().readTree(bot.getAdmin("/dashboard/data", null).body());
            assertThat(before.path("budgetReached").asBoolean()).isFalse();

            bot.deliverVideo(new FakeBotApi.User(801, "en"));
            bot.awaitFinished("delivered", 1);
            var late = new FakeBotApi.User(802, "en");
            bot.sendPhoto(late);
            bot.telegram.awaitText(late, "all the videos I can for today", RunningBot.WAIT);

            assertThat(bot.xai.submissions()).isEqualTo(1);
            JsonNode after = new ObjectMapper().readTree(bot.getAdmin("/dashboard/data", null).body());
            assertThat(after.path("budgetReached").asBoolean()).isTrue();
            assertThat(after.at("/text/dailyLimit").asText()).isEqualTo("$0.25");
            String metrics = bot.getAdmin("/metrics", null).body();
            assertThat(metrics).contains("kisscam_daily_budget_reached 1.0").contains("kisscam_daily_spend_limit_usd 0.25")
                    .contains("kisscam_spend_alert_usd 0.2");
        }
    }
}
