package dev.kisscam.adapter.grok;

import dev.kisscam.core.port.out.ProviderFault;

/** The thread was interrupted while it waited for its turn to decode; the interrupt flag is up again. */
final class PreparationInterrupted extends PhotoNotPrepared {
    PreparationInterrupted(InterruptedException cause) {
        super("interrupted while waiting for a turn to decode a photo", cause);
    }

    @Override
    ProviderFault fault() {
        return ProviderFault.UNAVAILABLE;
    }
}
