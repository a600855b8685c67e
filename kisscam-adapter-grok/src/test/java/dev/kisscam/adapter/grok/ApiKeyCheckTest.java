package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The API key asked about once at start: what xAI answers, or does not, becomes one verdict, never retried. */
class ApiKeyCheckTest {
    private final FakeXai xai = new FakeXai();
    private final GrokAdapters adapters = xai.adapters();

    @AfterEach
    void close() {
        adapters.close();
        xai.close();
    }

    @Test
    void a_key_xai_knows_and_has_not_blocked_is_usable() throws Exception {
        xai.api.enqueue(FakeXai.json(200, key(false, false, false)));

        assertThat(adapters.checkApiKey()).isEqualTo(new GrokAdapters.KeyStatus.Usable());
        RecordedRequest asked = xai.takeApi();
        assertThat(asked.getMethod()).isEqualTo("GET");
        assertThat(asked.getUrl().encodedPath()).isEqualTo("/v1/api-key");
        assertThat(asked.getHeaders().get("Authorization")).isEqualTo("Bearer " + FakeXai.KEY);
    }

    @Test
    void a_blocked_or_disabled_key_or_a_blocked_team_is_refused_with_what_is_blocked() {
        xai.api.enqueue(FakeXai.json(200, key(true, false, true)));

        assertThat(adapters.checkApiKey())
                .isEqualTo(new GrokAdapters.KeyStatus.Refused("the key is blocked, the team is blocked"));
    }

    @Test
    void a_key_xai_does_not_know_is_refused_at_the_first_answer() {
        xai.api.enqueue(FakeXai.openAiError(400, "Incorrect API key provided: xa***ey. You can obtain an API key"
                + " from https://console.x.ai.", "invalid_request_error", "invalid_api_key"));

        assertThat(adapters.checkApiKey()).isInstanceOfSatisfying(GrokAdapters.KeyStatus.Refused.class,
                refused -> assertThat(refused.why()).contains("400").doesNotContain(FakeXai.KEY));
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    @Test
    void a_failing_xai_says_nothing_of_the_key_and_is_asked_only_once() {
        for (int i = 0; i < 3; i++) {
            xai.api.enqueue(FakeXai.grpcError(503, "unavailable", "The service is currently unavailable"));
        }

        assertThat(adapters.checkApiKey()).isInstanceOf(GrokAdapters.KeyStatus.Unanswered.class);
        assertThat(xai.api.getRequestCount()).isEqualTo(1);
    }

    @Test
    void an_unreachable_xai_is_unanswered_with_its_cause() throws Exception {
        int closed = FakeXai.closedPort();
        try (GrokAdapters nowhere = GrokAdapters.create(xai.config().baseUrl(URI.create("http://127.0.0.1:" + closed + "/v1"))
                .build())) {
            assertThat(nowhere.checkApiKey()).isInstanceOfSatisfying(GrokAdapters.KeyStatus.Unanswered.class,
                    unanswered -> assertThat(unanswered.why()).contains("ConnectException"));
        }
    }

    private static String key(boolean keyBlocked, boolean keyDisabled, boolean teamBlocked) {
        return """
                {"redacted_api_key":"xai-...b14o","user_id":"u-1","name":"kisscam","create_time":"2026-01-01T12:55:18Z",
                 "modify_time":"2026-08-28T17:20:12Z","modified_by":"u-1","team_id":"t-1",
                 "acls":["api-key:model:*","api-key:endpoint:*"],"api_key_id":"k-1",
                 "team_blocked":%s,"api_key_blocked":%s,"api_key_disabled":%s}
                """.formatted(teamBlocked, keyBlocked, keyDisabled);
    }
}
