package dev.kisscam.core.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * A person asking for a video: who they are, where the frontend answers them (a chat id, a terminal, a
 * web session; opaque to the core) and the language they read.
 */
public record Requester(RequesterId id, String replyTo, Locale locale) {
    public Requester {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(locale, "locale");
    }
}
