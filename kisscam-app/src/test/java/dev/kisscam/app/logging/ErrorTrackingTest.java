package dev.kisscam.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpServer;
import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.testing.JobStoreContract;
import io.sentry.Sentry;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Errors and failed jobs reach Sentry, here a fake ingest on 127.0.0.1, with nothing secret or personal in them. */
class ErrorTrackingTest {
    private static final String BOT_TOKEN = "123456789:AAH-telegram-bot-token-for-tests_xyz";
    private static final String XAI_KEY = "xai-0123456789abcdefSECRET";
    private static final String PHOTO = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQN";

    private final List<String> envelopes = new ArrayList<>();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private HttpServer ingest;
    private String dsn;

    @BeforeEach
    void fakeIngest() throws Exception {
        ingest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        ingest.createContext("/", exchange -> {
            try (exchange) {
                InputStream body = exchange.getRequestBody();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    body = new GZIPInputStream(body);
                }
                String envelope = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                synchronized (envelopes) {
                    envelopes.add(exchange.getRequestURI().getPath() + "\n" + envelope);
                }
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("{}".getBytes(StandardCharsets.UTF_8));
            }
        });
        ingest.start();
        dsn = "http://ingestkey0123@127.0.0.1:" + ingest.getAddress().getPort() + "/42";
        originalErr = System.err;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        Sentry.close();
        System.setErr(originalErr);
        LoggingSetup.configure("INFO", Optional.empty(), List.of());
        ingest.stop(0);
    }

    private void startReporting() {
        List<String> secrets = List.of(BOT_TOKEN, XAI_KEY, dsn);
        LoggingSetup.configure("INFO", Optional.empty(), secrets);
        assertThat(ErrorTracking.start(Optional.of(dsn), secrets)).isTrue();
    }

    /** The events that reached the ingest, once everything queued was sent. */
    private List<String> events() {
        Sentry.flush(10_000);
        synchronized (envelopes) {
            return envelopes.stream().filter(e -> e.contains("\"type\":\"event\"")).toList();
        }
    }

    @Test
    void an_error_line_arrives_without_secrets_chat_ids_or_photo_data() {
        startReporting();

        LoggerFactory.getLogger("dev.kisscam.test").error("sending the video to chat 987654321 (telegram:55501) failed; "
                + "token " + BOT_TOKEN + ", password=hunter2, photo " + PHOTO,
                new IllegalStateException("api_key=" + XAI_KEY + " at https://api.telegram.org/bot" + BOT_TOKEN + "/sendVideo"));

        List<String> events = events();
        assertThat(events).hasSize(1);
        String event = events.getFirst();
        assertThat(event).startsWith("/api/42/envelope/").contains("sending the video to chat").contains("****")
                .contains("IllegalStateException");
        assertThat(event).doesNotContain(BOT_TOKEN).doesNotContain("AAH-telegram").doesNotContain(XAI_KEY)
                .doesNotContain("hunter2").doesNotContain("987654321").doesNotContain("55501")
                .doesNotContain("/9j/4AAQ");
        String log = stderr.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("sending the video to chat").doesNotContain(dsn).doesNotContain("ingestkey0123");
    }

    @Test
    void a_job_that_failed_through_no_fault_of_its_user_is_reported_without_who_asked() {
        startReporting();
        var reports = new FailedJobReports();

        reports.finished(JobStoreContract.sampleJob(1, new JobState.Failed(
                new Failure(FailureCode.MODERATION_BLOCKED, "the provider's moderation")), "telegram:4242"));
        reports.finished(JobStoreContract.sampleJob(2, new JobState.Failed(
                new Failure(FailureCode.SERVICE_NOT_AVAILABLE, "401 for key " + XAI_KEY)), "telegram:4243"));
        reports.finished(JobStoreContract.sampleJob(3, new JobState.Done(java.time.Instant.EPOCH), "telegram:4244"));

        List<String> events = events();
        assertThat(events).as("only the failure that was not the user's doing").hasSize(1);
        assertThat(events.getFirst()).contains("job failed: service_not_available").contains("failure_code")
                .doesNotContain("moderation").doesNotContain("4243").doesNotContain("chat-2").doesNotContain(XAI_KEY);
    }

    @Test
    void without_a_dsn_nothing_is_started() {
        LoggingSetup.configure("INFO", Optional.empty(), List.of());

        assertThat(ErrorTracking.start(Optional.empty(), List.of())).isFalse();

        assertThat(Sentry.isEnabled()).isFalse();
        Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(SentryReporting.APPENDER)).isNull();
    }
}
