package dev.kisscam.adapter.telegram;

/**
 * Takes the bot token out of text and exceptions. The token is part of every Bot API URL path, so any
 * message that quotes a URL (OkHttp's and TelegramBots' may) would otherwise leak it into logs.
 */
final class TokenRedaction {
    private static final String MASK = "<token>";
    private final String token;

    TokenRedaction(String token) {
        this.token = token;
    }

    String scrub(String text) {
        return text == null ? null : text.replace(token, MASK);
    }

    /** A copy of {@code error} and its causes with the token removed from every message; stack traces are kept. */
    Throwable scrub(Throwable error) {
        if (error == null) {
            return null;
        }
        var copy = new RedactedCause(error.getClass().getName() + ": " + scrub(error.getMessage()),
                error.getCause() == error ? null : scrub(error.getCause()));
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    /** Stands in for a library exception whose message was scrubbed; never thrown, only chained. */
    static final class RedactedCause extends RuntimeException {
        RedactedCause(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
