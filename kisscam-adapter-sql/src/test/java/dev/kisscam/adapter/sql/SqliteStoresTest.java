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
        SqlConfig config = databases().fresh();
        SqlStores first = open(config);

        assertThatThrownBy(() -> open(config)).isInstanceOf(JobStoreException.class)
                .hasMessageContaining("the job store " + config.sqliteFile().orElseThrow())
                .hasMessageContaining("is already open");
        first.close();
        assertThat(open(config).jobs().unfinished()).isEmpty();
    }
}
