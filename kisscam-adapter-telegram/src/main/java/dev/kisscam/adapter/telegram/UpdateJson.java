package dev.kisscam.adapter.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import org.telegram.telegrambots.meta.api.objects.Update;

/** An update as Telegram's JSON, the form in which it waits for its turn and an album's items wait for the rest. */
final class UpdateJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpdateJson() {
    }

    static String write(Update update) {
        try {
            return JSON.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("update " + update.getUpdateId() + " could not be written as JSON", e);
        }
    }

    static Update read(String json) {
        try {
            return JSON.readValue(json, Update.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not an update: " + e.getOriginalMessage(), e);
        }
    }
}
