package dev.kisscam.adapter.grok;

import java.util.List;

/** Removes the adapter's secrets from any text that came from outside before it goes into a message or a log. */
final class Secrets {
    private static final String MASK = "***";

    private final List<String> values;

    Secrets(String... values) {
        this.values = List.of(values);
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        String redacted = text;
        for (String secret : values) {
            redacted = redacted.replace(secret, MASK);
        }
        return redacted;
    }

    @Override
    public String toString() {
        return "Secrets[" + MASK + "]";
    }
}
