package dev.kisscam.core.fakes;

import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.SpendLedger;
import dev.kisscam.core.service.job.LocalSpendLedger;
import dev.kisscam.core.testing.ConsentStoreContract;
import dev.kisscam.core.testing.EarlierVideosContract;
import dev.kisscam.core.testing.InMemoryEarlierVideos;
import dev.kisscam.core.testing.InMemoryConsentStore;
import dev.kisscam.core.testing.InMemoryJobStore;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.JobStoreContract;
import dev.kisscam.core.testing.MediaStoreContract;
import dev.kisscam.core.testing.QuotaContract;
import dev.kisscam.core.testing.SpendLedgerContract;
import java.time.Duration;
import org.junit.jupiter.api.Nested;

/** The fakes the service tests stand on must themselves keep the ports' contracts. */
class InMemoryFakesPassTheContractsTest {

    @Nested
    class MediaStoreFake extends MediaStoreContract {
        private InMemoryMediaStore fake;

        @Override
        protected MediaStore newStore() {
            fake = new InMemoryMediaStore();
            return fake;
        }

        @Override
        protected long leftoversAfterFailedPut() {
            return fake.count();
        }
    }

    @Nested
    class JobStoreFake extends JobStoreContract {
        private InMemoryJobStore fake;

        @Override
        protected JobStore newStore() {
            fake = new InMemoryJobStore();
            return fake;
        }

        @Override
        protected JobStore reopen() {
            return fake;
        }
    }

    @Nested
    class ConsentStoreFake extends ConsentStoreContract {
        private InMemoryConsentStore fake;

        @Override
        protected ConsentStore newStore() {
            fake = new InMemoryConsentStore();
            return fake;
        }

        @Override
        protected ConsentStore reopen() {
            return fake;
        }
    }

    @Nested
    class QuotaFake extends QuotaContract {
        @Override
        protected Quota threePerHour() {
            return new InMemoryQuota(3, Duration.ofHours(1));
        }
    }

    @Nested
    class EarlierVideosFake extends EarlierVideosContract {
        @Override
        protected EarlierVideos withRoomFor(int capacity) {
            return new InMemoryEarlierVideos(capacity);
        }
    }

    @Nested
    class LocalSpendLedgerInMemory extends SpendLedgerContract {
        private LocalSpendLedger ledger;

        @Override
        protected SpendLedger newLedger() {
            ledger = new LocalSpendLedger();
            return ledger;
        }

        @Override
        protected SpendLedger reopen() {
            return ledger;
        }
    }
}
