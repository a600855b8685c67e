package dev.kisscam.app.testing;

/** A request the simulated xAI refuses, with the error answer the live API would give for it. */
final class Rejection extends RuntimeException {
    private final transient Reply reply;

    Rejection(int status, String code, String message) {
        super(message);
        this.reply = Reply.error(status, code, message);
    }

    /** The usual refusal of a request whose fields are missing or malformed. */
    static Rejection invalidArgument(String message) {
        return new Rejection(400, "invalid_argument", message);
    }

    Reply reply() {
        return reply;
    }
}
