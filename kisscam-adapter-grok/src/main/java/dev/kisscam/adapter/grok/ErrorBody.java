package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What an error answer says, from any of the shapes xAI sends: {@code {"code": "...", "error": "..."}},
 * OpenAI's {@code {"error": {"message", "type", "code"}}}, a bare {@code {"error": "..."}}, or plain text.
 */
record ErrorBody(String code, String message) {
    private static final int MAX_TEXT = 300;

    static ErrorBody parse(byte[] body, ObjectMapper json) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return new ErrorBody("", "");
        }
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (IOException notJson) {
            return new ErrorBody("", shorten(text));
        }
        if (root == null || !root.isObject()) {
            return new ErrorBody("", shorten(text));
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String code = firstText(error.path("code"), error.path("type"), root.path("code"));
            return new ErrorBody(code, shorten(firstText(error.path("message"), error.path("error"))));
        }
        return new ErrorBody(firstText(root.path("code")), shorten(firstText(error, root.path("message"))));
    }

    /** The code and message as one line for logs and exception messages. */
    String describe() {
        if (code.isEmpty()) {
            return message;
        }
        return message.isEmpty() ? code : code + ": " + message;
    }

    boolean mentions(String regex) {
        return describe().toLowerCase(java.util.Locale.ROOT).matches("(?s).*(" + regex + ").*");
    }

    private static String firstText(JsonNode... candidates) {
        for (JsonNode candidate : candidates) {
            if (candidate.isValueNode() && !candidate.isNull() && !candidate.asText().isBlank()) {
                return candidate.asText().strip();
            }
        }
        return "";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }
}
