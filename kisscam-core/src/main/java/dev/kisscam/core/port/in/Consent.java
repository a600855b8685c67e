package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.RequesterId;

/**
 * Before a requester's first generation they confirm that everyone in their photos is an adult who agreed.
 * Until then intake refuses with {@code Refusal.ConsentRequired}, having read and stored nothing.
 */
public interface Consent {

    boolean hasConsented(RequesterId requester);

    void giveConsent(RequesterId requester);
}
