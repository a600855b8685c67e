package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.ConsentStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ConsentStore} must do; {@link #reopen()} as in {@link JobStoreContract}. */
public abstract class ConsentStoreContract {

    protected abstract ConsentStore newStore() throws Exception;

    protected abstract ConsentStore reopen() throws Exception;

    @Test
    void consent_is_remembered_across_a_reopen_and_per_requester() throws Exception {
        ConsentStore store = newStore();
        var alice = new RequesterId("telegram:1");
        var bob = new RequesterId("telegram:2");

        assertThat(store.hasConsented(alice)).isFalse();
        store.recordConsent(alice, Instant.parse("2026-11-26T10:00:00Z"));
        store.recordConsent(alice, Instant.parse("2026-11-26T11:00:00Z"));

        ConsentStore reopened = reopen();
        assertThat(reopened.hasConsented(alice)).isTrue();
        assertThat(reopened.hasConsented(bob)).isFalse();
    }
}
