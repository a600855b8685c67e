package dev.kisscam.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.testing.JobStoreContract;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentJobsTest {
    private final RecentJobs recent = new RecentJobs(3);
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void a_delivered_job_shows_how_long_each_stage_took_and_what_it_cost() {
        Job job = JobStoreContract.sampleJob(1, new JobState.Queued(), "telegram:424242");
        recent.saved(job.withState(new JobState.Queued(), T));
        recent.saved(job.withState(new JobState.Submitting(1), T.plusSeconds(4)));
        recent.saved(job.withState(new JobState.Generating(new GenerationTicket("t"), 1, T.plusSeconds(5)), T.plusSeconds(5)));
        recent.saved(job.withState(JobState.Delivering.stored(new MediaKey("v"), 10, T.plusSeconds(65)), T.plusSeconds(65)));
        recent.saved(job.withState(new JobState.Done(T.plusSeconds(67)), T.plusSeconds(67)));

        RecentJobs.Row row = recent.rows().getFirst();
        assertThat(row.state()).isEqualTo("delivered");
        assertThat(row.queue()).contains(Duration.ofSeconds(4));
        assertThat(row.generation()).contains(Duration.ofSeconds(61));
        assertThat(row.delivery()).contains(Duration.ofSeconds(2));
        assertThat(row.costTicks()).isEqualTo(12_345);
        assertThat(row.failure()).isEmpty();
    }

    @Test
    void a_job_that_failed_at_the_provider_shows_the_reason_and_ends_its_generation_there() {
        Job job = JobStoreContract.sampleJob(2, new JobState.Queued());
        recent.saved(job.withState(new JobState.Queued(), T));
        recent.saved(job.withState(new JobState.Submitting(1), T.plusSeconds(1)));
        recent.saved(job.withState(new JobState.Failed(new Failure(FailureCode.MODERATION_BLOCKED, "x")), T.plusSeconds(31)));

        RecentJobs.Row row = recent.rows().getFirst();
        assertThat(row.state()).isEqualTo("failed");
        assertThat(row.failure()).contains("moderation_blocked");
        assertThat(row.generation()).contains(Duration.ofSeconds(30));
        assertThat(row.delivery()).isEmpty();
    }

    @Test
    void requesters_are_a_keyed_hash_alike_within_a_run_and_never_their_id() {
        Job first = JobStoreContract.sampleJob(3, new JobState.Queued(), "telegram:424242");
        Job again = JobStoreContract.sampleJob(4, new JobState.Queued(), "telegram:424242");
        Job other = JobStoreContract.sampleJob(5, new JobState.Queued(), "telegram:777");
        recent.saved(first);
        recent.saved(again);
        recent.saved(other);

        var rows = recent.rows();
        assertThat(rows.get(1).requester()).isEqualTo(rows.get(2).requester()).hasSize(10).doesNotContain("424242");
        assertThat(rows.get(0).requester()).isNotEqualTo(rows.get(1).requester());
        assertThat(new RecentJobs(3).requesterHash(first.requester().id())).isNotEqualTo(rows.get(2).requester());
        assertThat(rows.toString()).doesNotContain("telegram:").doesNotContain("chat-");
    }

    @Test
    void keeps_only_the_newest_jobs_newest_first() {
        for (int i = 1; i <= 5; i++) {
            recent.saved(JobStoreContract.sampleJob(i, new JobState.Queued()).withState(new JobState.Queued(), T.plusSeconds(i)));
        }

        assertThat(recent.rows()).hasSize(3).extracting(RecentJobs.Row::createdAt).allSatisfy(at -> assertThat(at).isNotNull());
        assertThat(recent.rows().getFirst().id()).isNotEqualTo(recent.rows().getLast().id());
    }
}
