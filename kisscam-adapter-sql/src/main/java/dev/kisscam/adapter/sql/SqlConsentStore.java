package dev.kisscam.adapter.sql;

import static dev.kisscam.adapter.sql.Database.nanos;

import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.ConsentStoreException;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/** Consent as one row per requester, the first confirmation's time kept. Never withdrawn, so a yes is remembered here too. */
final class SqlConsentStore implements ConsentStore {
    private final Database db;
    private final Set<RequesterId> known = ConcurrentHashMap.newKeySet();

    SqlConsentStore(Database db) {
        this.db = db;
    }

    @Override
    public boolean hasConsented(RequesterId requester) {
        Objects.requireNonNull(requester, "requester");
        if (known.contains(requester)) {
            return true;
        }
        boolean consented = db.read(ConsentStoreException::new, handle -> handle
                .createQuery("SELECT COUNT(*) FROM consents WHERE requester = :requester")
                .bind("requester", requester.value()).mapTo(Integer.class).one() > 0);
        if (consented) {
            known.add(requester);
        }
        return consented;
    }

    @Override
    public void recordConsent(RequesterId requester, Instant at) {
        Objects.requireNonNull(at, "at");
        if (hasConsented(requester)) {
            return;
        }
        db.write(ConsentStoreException::new, handle -> insert(handle, requester, at));
        known.add(requester);
    }

    /** Records a consent unless one is there already; the first one's time stays. */
    static int insert(Handle handle, RequesterId requester, Instant at) {
        return handle.createUpdate("INSERT INTO consents (requester, consented_at) VALUES (:requester, :at)"
                        + " ON CONFLICT (requester) DO NOTHING")
                .bind("requester", requester.value()).bind("at", nanos(at)).execute();
    }
}
