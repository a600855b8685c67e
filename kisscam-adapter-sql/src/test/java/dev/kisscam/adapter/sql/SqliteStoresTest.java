package dev.kisscam.adapter.sql;

import static dev.kisscam.core.testing.JobStoreContract.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.port.out.JobStoreException;
import org.junit.jupiter.api.Test;

/** SQLite: one process per database file. */
class SqliteStoresTest extends SqlStoresTest {
    @Override
    TestDatabase databases() {
        return TestDatabase.sqlite();
    }

    @Test
    void a_second_store_over_the_same_file_is_refused_while_the_first_is_open() {
        SqlConfig config = databases.fresh();
        SqlStores first = open(config);

        assertThatThrownBy(() -> open(config)).isInstanceOf(JobStoreException.class)
                .hasMessageContaining("the job store " + config.sqliteFile().orElseThrow())
                .hasMessageContaining("is already open");
        first.close();
        assertThat(open(config).jobs().unfinished()).isEmpty();
    }

    @Test
    void the_database_runs_in_wal_mode_with_foreign_keys_a_busy_timeout_and_full_sync() {
        try (Database db = Database.open(databases.fresh())) {
            assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(db, "busy_timeout")).isEqualTo("30000");
            assertThat(pragma(db, "synchronous")).as("FULL").isEqualTo("2");
        }
    }

    private static String pragma(Database db, String name) {
        return db.read(JobStoreException::new, handle -> handle.createQuery("PRAGMA " + name).mapTo(String.class).one());
    }
}
