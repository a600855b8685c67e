package dev.kisscam.app.bot;

/**
 * A service refused a setting the bot starts with (a token, a key): only the operator can mend it, so the program
 * exits as for any other configuration problem, and systemd does not restart it in a loop.
 */
public final class RefusedConfiguration extends RuntimeException {
    public RefusedConfiguration(String message, Throwable cause) {
        super(message, cause);
    }
}
