package dev.kisscam.adapter.sql;

import static dev.kisscam.core.testing.JobStoreContract.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** PostgreSQL: several processes share one database and keep its rules together. */
class PostgresqlStoresTest extends SqlStoresTest {
    @Override
    TestDatabase databases() {
        return TestDatabase.postgresql();
    }

    @Test
    void processes_sharing_the_database_never_claim_one_job_twice() throws Exception {
        SqlConfig config = databases.fresh();
        List<SqlStores> processes = List.of(open(config), open(config), open(config));
        List<Job> jobs = IntStream.range(0, 60).mapToObj(i -> sampleJob(i, new JobState.Queued(), "test:" + i)).toList();
        jobs.forEach(processes.getFirst().jobs()::save);
        var claimed = Collections.synchronizedList(new ArrayList<JobId>());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int owner = 0; owner < 9; owner++) {
                JobStore store = processes.get(owner % 3).jobs();
                String name = "owner-" + owner;
                executor.submit(() -> {
                    for (var job = store.claim(JobStore.Work.GENERATION, name, T0, T0.plusSeconds(30)); job.isPresent();
                            job = store.claim(JobStore.Work.GENERATION, name, T0, T0.plusSeconds(30))) {
                        claimed.add(job.get().id());
                    }
                });
            }
        }
        assertThat(claimed).hasSize(60).doesNotHaveDuplicates();
    }

    @Test
    void one_active_job_per_requester_holds_across_processes() {
        SqlConfig config = databases.fresh();
        JobStore one = open(config).jobs();
        JobStore other = open(config).jobs();
        one.save(sampleJob(7, new JobState.Queued()));

        assertThatThrownBy(() -> other.save(sampleJob(14, new JobState.Queued())))
                .isInstanceOf(JobStore.RequesterBusy.class);
    }

    @Test
    void an_unreachable_server_is_named_without_its_password() {
        SqlConfig config = SqlConfig.of("postgresql://kisscam:hunter2-secret@127.0.0.1:1/kisscam");

        assertThatThrownBy(() -> SqlStores.open(config, Clock.systemUTC())).isInstanceOf(JobStoreException.class)
                .hasMessageContaining("postgresql://kisscam:****@127.0.0.1:1/kisscam")
                .hasMessageNotContaining("hunter2-secret")
                .satisfies(e -> assertThat(causes(e)).noneMatch(m -> m.contains("hunter2-secret")));
    }

    private static List<String> causes(Throwable e) {
        var messages = new ArrayList<String>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            messages.add(String.valueOf(cause.getMessage()) + cause);
        }
        return messages;
    }
}
