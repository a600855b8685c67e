package dev.kisscam.adapter.redis;

/**
 * Redis did not answer, or refused: the client's own exception translated at this adapter's edge. The message
 * names the server (address and database), never its password.
 */
public final class RedisUnavailable extends RuntimeException {
    RedisUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
