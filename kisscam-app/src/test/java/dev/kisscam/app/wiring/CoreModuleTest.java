package dev.kisscam.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The name an instance holds its job leases under. */
class CoreModuleTest {
    private static AppConfig config(String database, String port) {
        Map<String, String> env = new HashMap<>(Map.of("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN, "GROK_API_KEY", "xai-key",
                "DATABASE_URL", database, "PORT", port));
        if (database.startsWith("postgresql:")) {
            env.putAll(Map.of("STORAGE_BACKEND", "s3", "S3_ENDPOINT", "http://127.0.0.1:9000", "S3_BUCKET", "media",
                    "S3_ACCESS_KEY", "access", "S3_SECRET_KEY", "secret-key"));
        }
        return ((ConfigLoader.Valid) ConfigLoader.load(env, ConfigLoader.Purpose.BOT)).config();
    }

    @Test
    void instances_sharing_a_database_hold_jobs_under_names_of_their_own_that_a_restart_on_the_same_port_keeps() {
        String shared = "postgresql://bot:pw@db.example/kisscam";
        String first = CoreModule.processName(config(shared, "8001"));

        assertThat(first).endsWith(":8001").isNotEqualTo(CoreModule.processName(config(shared, "8002")))
                .isEqualTo(CoreModule.processName(config(shared, "8001")));
        assertThat(CoreModule.processName(config(shared, "0"))).endsWith(":pid" + ProcessHandle.current().pid());
    }

    @Test
    void the_one_process_over_sqlite_keeps_the_name_it_always_had() {
        assertThat(CoreModule.processName(config("sqlite:/var/lib/kisscam/kisscam.db", "0"))).isEqualTo("local");
    }
}
