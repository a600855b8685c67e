package dev.kisscam.adapter.grok;

import dev.kisscam.core.port.out.ProviderFault;

/** A stored photo that no image reader can decode: the input is refused, the provider is never called. */
final class UnreadablePhoto extends PhotoNotPrepared {
    UnreadablePhoto(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    ProviderFault fault() {
        return ProviderFault.REJECTED_INPUT;
    }
}
