package dev.kisscam.adapter.grok;

/** A stored photo that no image reader can decode: the input is refused, the provider is never called. */
final class UnreadablePhoto extends RuntimeException {
    UnreadablePhoto(String message, Throwable cause) {
        super(message, cause);
    }
}
