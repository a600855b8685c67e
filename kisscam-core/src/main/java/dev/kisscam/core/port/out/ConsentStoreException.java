package dev.kisscam.core.port.out;

/** The consent store could not read or write durably. */
public class ConsentStoreException extends RuntimeException {
    public ConsentStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
