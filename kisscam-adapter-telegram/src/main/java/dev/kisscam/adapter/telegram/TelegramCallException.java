package dev.kisscam.adapter.telegram;

/**
 * A Bot API call failed: refused by Telegram, or still failing after the retries. Its message and causes never
 * hold the bot token.
 */
public final class TelegramCallException extends RuntimeException {
    private final String method;
    private final int errorCode;
    private final boolean unreachable;

    TelegramCallException(String method, int errorCode, boolean unreachable, String message, Throwable redactedCause) {
        super(message, redactedCause);
        this.method = method;
        this.errorCode = errorCode;
        this.unreachable = unreachable;
    }

    /** The Bot API method, e.g. {@code sendVideo}. */
    public String method() {
        return method;
    }

    /** Telegram's {@code error_code}, or 0 when the call got no answer. */
    public int errorCode() {
        return errorCode;
    }

    /**
     * Telegram could not be reached, failed, or asked us to slow down: the same call may well work later. False
     * when Telegram refused this call (a user who blocked the bot, a chat that is gone, a bad request).
     */
    public boolean unreachable() {
        return unreachable;
    }

    /** Telegram does not know a file id it was given (from another bot, or forgotten). */
    boolean unknownFile() {
        return errorCode == 400 && getMessage() != null && getMessage().contains("file identifier");
    }

    /** Telegram refuses to edit a message to the text it already has; for a status message that is success. */
    boolean messageNotModified() {
        return errorCode == 400 && getMessage() != null && getMessage().contains("message is not modified");
    }
}
