package dev.kisscam.core.port.out;

/**
 * The frontend could not hand the video to the requester, and never will: the requester blocked the bot,
 * the chat is gone, the video is too large for the frontend. The job fails. A frontend that is only
 * unreachable for now throws {@link Unreachable} instead.
 */
public class DeliveryException extends RuntimeException {
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryException(String message) {
        super(message);
    }

    /**
     * The frontend cannot be reached now (network down, its server failing, rate limited): the video stays
     * stored and the core tries again later, with a growing pause, for as long as its settings allow.
     */
    public static class Unreachable extends DeliveryException {
        public Unreachable(String message, Throwable cause) {
            super(message, cause);
        }

        public Unreachable(String message) {
            super(message);
        }
    }
}
