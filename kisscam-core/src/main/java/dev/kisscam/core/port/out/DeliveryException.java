package dev.kisscam.core.port.out;

/** The frontend could not hand the video to the requester. */
public class DeliveryException extends RuntimeException {
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryException(String message) {
        super(message);
    }
}
