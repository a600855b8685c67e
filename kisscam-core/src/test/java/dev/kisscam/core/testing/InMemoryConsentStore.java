package dev.kisscam.core.testing;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.ConsentStore;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryConsentStore implements ConsentStore {
    private final Map<RequesterId, Instant> consents = new ConcurrentHashMap<>();

    @Override
    public boolean hasConsented(RequesterId requester) {
        return consents.containsKey(requester);
    }

    @Override
    public void recordConsent(RequesterId requester, Instant at) {
        consents.putIfAbsent(requester, at);
    }
}
