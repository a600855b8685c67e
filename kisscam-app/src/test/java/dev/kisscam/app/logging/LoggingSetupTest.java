package dev.kisscam.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.telegram.telegrambots.longpolling.exceptions.TelegramApiErrorResponseException;

class LoggingSetupTest {
    private static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz";
    private static final String KEY = "xai-very-secret-key-0042";

    @TempDir
    Path dir;

    @AfterEach
    void quiet() {
        LoggingSetup.configure("WARN", Optional.empty(), List.of());
    }

    private String logged(Path file) throws Exception {
        return Files.readString(file);
    }

    @Test
    void secrets_are_blanked_wherever_they_appear_in_a_line() throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("INFO", Optional.of(file), List.of(TOKEN, KEY));

        LoggerFactory.getLogger("test").info("GET https://api.telegram.org/bot{}/getUpdates with key {}", TOKEN, KEY);
        LoggerFactory.getLogger("test").warn("failed", new IllegalStateException("Bearer " + KEY + " refused"));

        String text = logged(file);
        assertThat(text).doesNotContain(TOKEN).doesNotContain(KEY)
                .contains("https://api.telegram.org/bot****/getUpdates").contains("Bearer **** refused");
    }

    @Test
    void the_core_logs_through_system_logger_into_the_same_file_at_the_configured_level() throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("WARN", Optional.of(file), List.of());

        System.getLogger("dev.kisscam.core.service.JobRunner").log(System.Logger.Level.WARNING, "job j-1: failed");
        System.getLogger("dev.kisscam.core.service.JobRunner").log(System.Logger.Level.INFO, "job j-1: submitted");

        assertThat(logged(file)).contains("WARN").contains("job j-1: failed").doesNotContain("submitted");
    }

    @Test
    void debug_shows_the_bots_own_debug_lines_and_keeps_the_libraries_at_info() throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("DEBUG", Optional.of(file), List.of());

        System.getLogger("dev.kisscam.core.service.job.JobRunner").log(System.Logger.Level.DEBUG, "job j-7: polled");
        LoggerFactory.getLogger("dev.kisscam.adapter.telegram.BotApi").debug("sendMessage answered");
        System.getLogger("jdk.event.security").log(System.Logger.Level.DEBUG, "X509Certificate: Alg:SHA256withRSA");
        LoggerFactory.getLogger("okhttp3.internal.http2.Http2").debug("<< 0x00000003 HEADERS");
        LoggerFactory.getLogger("okhttp3.OkHttpClient").info("a library's INFO line");

        assertThat(logged(file)).contains("job j-7: polled").contains("sendMessage answered")
                .contains("a library's INFO line").doesNotContain("X509Certificate").doesNotContain("HEADERS");
    }

    @Test
    void trace_asks_for_every_line_the_libraries_included() throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("TRACE", Optional.of(file), List.of());

        LoggerFactory.getLogger("okhttp3.internal.http2.Http2").debug("<< 0x00000003 HEADERS");

        assertThat(logged(file)).contains("HEADERS");
    }

    @Test
    void lines_logged_while_a_job_is_in_the_mdc_carry_its_id() throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("INFO", Optional.of(file), List.of());

        MDC.put("job", "j-42");
        try {
            LoggerFactory.getLogger("dev.kisscam.adapter.grok.XaiClient").info("retrying after 503");
        } finally {
            MDC.remove("job");
        }
        LoggerFactory.getLogger("dev.kisscam.adapter.grok.XaiClient").info("no job here");

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("[job j-42] - retrying after 503"));
        assertThat(lines).anySatisfy(l -> assertThat(l).endsWith("XaiClient - no job here"));
    }

    @Test
    void a_long_poll_cancelled_by_our_own_stop_or_failed_by_an_outage_is_not_logged_but_other_polling_errors_are()
            throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("INFO", Optional.of(file), List.of());
        var session = LoggerFactory.getLogger("org.telegram.telegrambots.longpolling.BotSession");

        session.error("Error received from Telegram GetUpdates Request, retrying in {} millis...", 684,
                new IllegalStateException(new java.io.IOException("Canceled")));
        session.warn("GetUpdates got interrupted while sleeping in backoff mode.", new InterruptedException("sleep"));
        session.error("Error received from Telegram GetUpdates Request", new TelegramApiErrorResponseException(
                new java.net.ConnectException("Connection refused")));
        session.error("Error received from Telegram GetUpdates Request", new TelegramApiErrorResponseException(
                new TelegramApiErrorResponseException(502, "Bad Gateway")));
        session.error("Error received from Telegram GetUpdates Request", new TelegramApiErrorResponseException(
                new TelegramApiErrorResponseException(409, "Conflict: terminated by other getUpdates request")));

        assertThat(logged(file)).contains("Conflict: terminated by other getUpdates request")
                .doesNotContain("Canceled").doesNotContain("interrupted").doesNotContain("Connection refused")
                .doesNotContain("Bad Gateway");
    }

    @Test
    void at_debug_the_librarys_outage_lines_are_shown_too() throws Exception {
        Path file = dir.resolve("kisscam.log");
        LoggingSetup.configure("DEBUG", Optional.of(file), List.of());

        LoggerFactory.getLogger("org.telegram.telegrambots.longpolling.BotSession").error(
                "Error received from Telegram GetUpdates Request", new TelegramApiErrorResponseException(
                        new java.net.ConnectException("Connection refused")));

        assertThat(logged(file)).contains("Connection refused");
    }

    @Test
    void short_values_are_not_treated_as_secrets() {
        var layout = new SecretMaskingLayout();
        layout.setSecrets(List.of("abc", KEY));

        assertThat(layout.mask("abc " + KEY)).isEqualTo("abc ****");
    }
}
