package dev.kisscam.adapter.grok;

import dev.kisscam.core.port.out.ProviderFault;

/** Why a photo could not be made into the picture a request carries; xAI is never called then. */
abstract sealed class PhotoNotPrepared extends RuntimeException permits UnreadablePhoto, PreparationInterrupted {
    PhotoNotPrepared(String message, Throwable cause) {
        super(message, cause);
    }

    /** What the core should make of it. */
    abstract ProviderFault fault();
}
