package dev.kisscam.adapter.sql;

import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.SpendLedger;
import dev.kisscam.core.testing.ConsentStoreContract;
import dev.kisscam.core.testing.EarlierVideosContract;
import dev.kisscam.core.testing.JobStoreContract;
import dev.kisscam.core.testing.QuotaContract;
import dev.kisscam.core.testing.SpendLedgerContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;

/**
 * The core's contracts, each against a fresh database of one engine; {@code reopen()} closes the stores and
 * opens new ones over the same database, as a restart does. A subclass names the engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlContracts {
    private TestDatabase databases;
    private final List<SqlStores> open = new ArrayList<>();
    private SqlConfig current;

    abstract TestDatabase databases();

    @BeforeAll
    void startDatabases() {
        databases = databases();
    }

    @AfterAll
    void dropDatabases() {
        databases.close();
    }

    @AfterEach
    void closeStores() {
        open.forEach(SqlStores::close);
        open.clear();
    }

    SqlStores fresh() {
        current = databases.fresh();
        return reopened();
    }

    SqlStores reopened() {
        open.forEach(SqlStores::close);
        open.clear();
        SqlStores stores = SqlStores.open(current, Clock.systemUTC());
        open.add(stores);
        return stores;
    }

    @Nested
    class Jobs extends JobStoreContract {
        @Override
        protected JobStore newStore() {
            return fresh().jobs();
        }

        @Override
        protected JobStore reopen() {
            return reopened().jobs();
        }
    }

    @Nested
    class Consents extends ConsentStoreContract {
        @Override
        protected ConsentStore newStore() {
            return fresh().consents();
        }

        @Override
        protected ConsentStore reopen() {
            return reopened().consents();
        }
    }

    @Nested
    class Quotas extends QuotaContract {
        @Override
        protected Quota threePerHour() {
            return fresh().quota("videos", 3, Duration.ofHours(1));
        }
    }

    @Nested
    class Spends extends SpendLedgerContract {
        @Override
        protected SpendLedger newLedger() {
            return fresh().spendLedger();
        }

        @Override
        protected SpendLedger reopen() {
            return reopened().spendLedger();
        }
    }

    @Nested
    class KeptVideos extends EarlierVideosContract {
        @Override
        protected EarlierVideos withRoomFor(int capacity) {
            return fresh().earlierVideos(capacity);
        }
    }
}
