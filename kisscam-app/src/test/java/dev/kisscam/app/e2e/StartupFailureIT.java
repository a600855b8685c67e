package dev.kisscam.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged bot failing to start says what to do, in the operator's terms (the variable to change). */
class StartupFailureIT {
    @TempDir
    Path directory;

    @Test
    void a_port_in_use_is_named_with_its_variable() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            BotProcess bot = BotProcess.start(directory, Map.of("TELEGRAM_BOT_TOKEN", "7712345678:AAH-startup_token_0123456789",
                    "GROK_API_KEY", "xai-startup-key", "STORAGE_PATH", directory.resolve("storage").toString(),
                    "HOST", "127.0.0.1", "PORT", String.valueOf(port), "TELEGRAM_API_URL", "http://127.0.0.1:9"), "bot");

            assertThat(bot.awaitExit(Rig.WAIT)).isEqualTo(1);
            assertThat(bot.output()).contains("kisscam: could not start: PORT=" + port + " is in use on HOST=127.0.0.1")
                    .contains("choose another PORT").doesNotContain("\tat ").doesNotContain("AAH-startup_token");
        }
    }
}
