package dev.kisscam.adapter.sql;

import static dev.kisscam.core.testing.JobStoreContract.sampleJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the database adds to the contracts: several processes over one database, restarts, and the engine's edges. */
abstract class SqlStoresTest {
    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    final TestDatabase databases = databases();
    private final List<SqlStores> open = new ArrayList<>();
    final MutableClock clock = new MutableClock(T0);

    abstract TestDatabase databases();

    @AfterEach
    void close() {
        open.forEach(SqlStores::close);
        databases.close();
    }

    SqlStores open(SqlConfig config) {
        SqlStores stores = SqlStores.open(config, clock);
        open.add(stores);
        return stores;
    }

    @Test
    void leases_survive_a_restart_and_end_on_time() {
        SqlConfig config = databases.fresh();
        SqlStores first = open(config);
        Job job = sampleJob(1, new JobState.Generating(new GenerationTicket("t-1"), 1, T0), "test:a");
        first.jobs().save(job);
        assertThat(first.jobs().claim(JobStore.Work.GENERATION, "one", T0, T0.plusSeconds(30))).map(Job::id).contains(job.id());
        first.close();

        JobStore restarted = open(config).jobs();
        assertThat(restarted.claim(JobStore.Work.GENERATION, "two", T0.plusSeconds(29), T0.plusSeconds(60))).isEmpty();
        assertThat(restarted.claim(JobStore.Work.GENERATION, "two", T0.plusSeconds(31), T0.plusSeconds(60)))
                .get().extracting(Job::state).isEqualTo(job.state());
    }

    @Test
    void finished_jobs_are_pruned_after_the_retention_and_unfinished_ones_stay() {
        SqlStores stores = open(databases.fresh().withFinishedJobRetention(Duration.ofDays(30)));
        Job done = sampleJob(7, new JobState.Done(T0));
        Job queued = sampleJob(8, new JobState.Queued());
        stores.jobs().save(done);
        stores.jobs().save(queued);

        clock.advance(Duration.ofDays(30).minusMinutes(1));
        assertThat(stores.pruneFinished()).isZero();
        clock.advance(Duration.ofMinutes(2));
        assertThat(stores.pruneFinished()).isOne();

        assertThat(stores.jobs().find(done.id())).isEmpty();
        assertThat(stores.jobs().countDelivered(done.requester().id())).isZero();
        assertThat(stores.jobs().unfinished()).containsExactly(queued);
    }

    @Test
    void a_saved_unfinished_job_is_no_longer_counted_delivered() {
        JobStore jobs = open(databases.fresh()).jobs();
        Job done = sampleJob(7, new JobState.Done(T0));
        jobs.save(done);
        jobs.save(done.withState(new JobState.Queued(), T0.plusSeconds(1)));

        assertThat(jobs.countDelivered(done.requester().id())).isZero();
        assertThat(jobs.unfinished()).extracting(Job::id).containsExactly(done.id());
    }

    @Test
    void saves_from_a_job_thread_being_stopped_are_durable_and_leave_it_interrupted() throws Exception {
        SqlConfig config = databases.fresh();
        JobStore jobs = open(config).jobs();
        Job submitting = sampleJob(1, new JobState.Submitting(1));
        Job delivering = sampleJob(2, JobState.Delivering.stored(new MediaKey("video-2"), 99, T0));
        jobs.save(delivering);
        Job ticketSaved = submitting.withState(new JobState.Generating(new GenerationTicket("t-1"), 1, T0), T0);
        Job delivered = delivering.withState(new JobState.Done(T0), T0);

        var stillInterrupted = new CompletableFuture<Boolean>();
        Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            try {
                jobs.save(ticketSaved);
                jobs.update(delivering.id(), current -> delivered);
                stillInterrupted.complete(Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                stillInterrupted.completeExceptionally(e);
            }
        });

        assertThat(stillInterrupted.get()).isTrue();
        open.getFirst().close();
        JobStore reopened = open(config).jobs();
        assertThat(reopened.unfinished()).containsExactly(ticketSaved);
        assertThat(reopened.find(delivered.id())).contains(delivered);
    }

    @Test
    void quotas_of_different_names_count_apart_and_survive_a_restart() {
        SqlConfig config = databases.fresh();
        SqlStores stores = open(config);
        var someone = new RequesterId("telegram:1");
        assertThat(stores.quota("videos", 1, Duration.ofHours(1)).tryConsume(someone, T0)).isTrue();
        assertThat(stores.quota("refused-photos", 1, Duration.ofHours(1)).tryConsume(someone, T0)).isTrue();
        stores.close();

        SqlStores restarted = open(config);
        SqlQuota videos = restarted.quota("videos", 1, Duration.ofHours(1));
        assertThat(videos.tryConsume(someone, T0.plusSeconds(1))).isFalse();
        assertThat(videos.activeRequesters(T0.plusSeconds(1))).isOne();
        assertThat(videos.activeRequesters(T0.plus(Duration.ofHours(1)))).isZero();
    }

    @Test
    void kept_videos_survive_a_restart() {
        SqlConfig config = databases.fresh();
        SqlStores stores = open(config);
        Job job = sampleJob(1, new JobState.Done(T0));
        var photos = PhotoSet.of(job.requester().id(), job.photos()).orElseThrow();
        var kept = new EarlierVideos.Kept(new MediaKey("video-1"), job.photos());
        assertThat(stores.earlierVideos(10).keep(photos, kept, T0.plusSeconds(60))).isEmpty();
        stores.close();

        SqlEarlierVideos restarted = open(config).earlierVideos(10);
        assertThat(restarted.find(photos, T0)).contains(kept);
        assertThat(restarted.keeps(new MediaKey("video-1"))).isTrue();
        assertThat(restarted.keptVideos()).isOne();
    }
}
