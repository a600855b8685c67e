package dev.kisscam.adapter.telegram;

/**
 * A Bot API call failed for good: refused by Telegram, or still failing after the retries. Its message and
 * causes never hold the bot token.
 */
public final class TelegramCallException extends RuntimeException {
    private final String method;
    private final int errorCode;

    TelegramCallException(String method, int errorCode, String message, Throwable redactedCause) {
        super(message, redactedCause);
        this.method = method;
        this.errorCode = errorCode;
    }

    /** The Bot API method, e.g. {@code sendVideo}. */
    public String method() {
        return method;
    }

    /** Telegram's {@code error_code}, or 0 when the call got no answer. */
    public int errorCode() {
        return errorCode;
    }

    /** Telegram refuses to edit a message to the text it already has; for a status message that is success. */
    boolean messageNotModified() {
        return errorCode == 400 && getMessage() != null && getMessage().contains("message is not modified");
    }
}
