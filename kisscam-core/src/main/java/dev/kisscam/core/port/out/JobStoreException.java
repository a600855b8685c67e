package dev.kisscam.core.port.out;

/** The job store could not read or write durably; the message names where. */
public class JobStoreException extends RuntimeException {
    public JobStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public JobStoreException(String message) {
        super(message);
    }
}
