package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.port.out.ProviderFault;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks xAI about the configured API key ({@code GET /v1/api-key}), once and at once: a wrong, blocked or disabled
 * key is told when the program starts, not when the first user's photo fails. The answer names the key only in
 * its redacted form, and nothing of it is repeated here.
 */
final class ApiKeyCheck {
    private final XaiClient client;

    ApiKeyCheck(XaiClient client) {
        this.client = client;
    }

    GrokAdapters.KeyStatus check() {
        JsonNode key;
        try {
            key = client.parseObject(Endpoint.VISION, client.getOnce("api-key").body());
        } catch (XaiFailure failure) {
            return failure.fault() == ProviderFault.ACCESS_DENIED
                    ? new GrokAdapters.KeyStatus.Refused(failure.getMessage())
                    : new GrokAdapters.KeyStatus.Unanswered(failure.getMessage());
        }
        List<String> blocks = new ArrayList<>();
        if (key.path("api_key_blocked").asBoolean(false)) {
            blocks.add("the key is blocked");
        }
        if (key.path("api_key_disabled").asBoolean(false)) {
            blocks.add("the key is disabled");
        }
        if (key.path("team_blocked").asBoolean(false)) {
            blocks.add("the team is blocked");
        }
        return blocks.isEmpty() ? new GrokAdapters.KeyStatus.Usable()
                : new GrokAdapters.KeyStatus.Refused(String.join(", ", blocks));
    }
}
