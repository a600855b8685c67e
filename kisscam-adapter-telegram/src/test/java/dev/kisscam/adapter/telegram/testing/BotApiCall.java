package dev.kisscam.adapter.telegram.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One call a bot made to the {@link FakeBotApi}: the method, its parameters (JSON, or the text fields of a
 * multipart upload), any uploaded files by field name, and when it arrived.
 */
public record BotApiCall(String method, ObjectNode params, Map<String, byte[]> files, Instant at) {
    private static final Set<String> VISIBLE = Set.of("sendMessage", "editMessageText", "sendVideo");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A call arriving now. */
    public BotApiCall(String method, ObjectNode params, Map<String, byte[]> files) {
        this(method, params, files, Instant.now());
    }

    /** Whether the user sees it: a message, an edit or a video. */
    public boolean visible() {
        return VISIBLE.contains(method);
    }

    public long chatId() {
        return params.path("chat_id").asLong();
    }

    public int messageId() {
        return params.path("message_id").asInt();
    }

    /** The text, or the caption of a video; empty if none. */
    public String text() {
        return params.has("text") ? params.get("text").asText() : params.path("caption").asText("");
    }

    /** The callback data of the inline buttons, in order. */
    public List<String> buttons() {
        return buttonFields("callback_data");
    }

    /** What the inline buttons say, in order. */
    public List<String> buttonLabels() {
        return buttonFields("text");
    }

    private List<String> buttonFields(String field) {
        JsonNode markup = params.path("reply_markup");
        if (markup.isTextual()) {
            try {
                markup = JSON.readTree(markup.asText());
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("reply_markup is no JSON: " + markup.asText(), e);
            }
        }
        List<String> data = new ArrayList<>();
        markup.path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.path(field).asText())));
        return data;
    }

    @Override
    public String toString() {
        return method + params + (files.isEmpty() ? "" : " files " + files.keySet());
    }
}
