package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.RequesterId;
import java.time.Instant;

/**
 * Remembers, durably, who confirmed that everyone in their photos is an adult who agreed to this, so a
 * requester is asked once and not after every restart.
 */
public interface ConsentStore {

    boolean hasConsented(RequesterId requester);

    /** Records the confirmation; recording it again is fine. */
    void recordConsent(RequesterId requester, Instant at);
}
