package dev.kisscam.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.testing.JobStoreContract;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainRulesTest {

    @Test
    void a_media_key_can_never_name_a_path() {
        for (String bad : List.of("../etc/passwd", "a/b", "photo..x/", "", "UPPER", "-leading-dash", "a\u0000b", "c:\\x")) {
            assertThatThrownBy(() -> new MediaKey(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new MediaKey("photo-3f2a").value()).isEqualTo("photo-3f2a");
    }

    @Test
    void a_job_id_is_safe_in_file_names() {
        assertThatThrownBy(() -> new JobId("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(JobId.random().value()).matches("[0-9a-f-]{36}");
    }

    @Test
    void a_person_box_lies_inside_the_photo() {
        assertThat(new PersonBox(0.5, 0.5, 0.5, 0.5).centreX()).isEqualTo(0.75);
        assertThatThrownBy(() -> new PersonBox(0.6, 0, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonBox(-0.1, 0, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonBox(Double.NaN, 0, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_job_holds_one_or_two_photos_and_a_draft_exactly_one() {
        Job job = JobStoreContract.sampleJob(1, new JobState.Queued());
        JobPhoto photo = job.photos().getFirst();
        assertThatThrownBy(() -> job.withPhotos(List.of(), new JobState.Queued(), job.updatedAt()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> job.withPhotos(List.of(photo, photo, photo), new JobState.Queued(), job.updatedAt()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> job.withPhotos(List.of(photo, photo), new JobState.Draft(job.updatedAt()), job.updatedAt()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_queued_to_delivering_jobs_are_active_and_finished_states_are_final() {
        var t = java.time.Instant.EPOCH;
        assertThat(new JobState.Draft(t).active()).isFalse();
        assertThat(new JobState.Draft(t).finished()).isFalse();
        assertThat(new JobState.Queued().active()).isTrue();
        assertThat(new JobState.Generating(new GenerationTicket("x"), 1, t).active()).isTrue();
        assertThat(new JobState.Done(t).finished()).isTrue();
        assertThat(new JobState.Done(t).active()).isFalse();
        assertThat(new JobState.Expired().finished()).isTrue();
    }

    @Test
    void spend_is_counted_in_ticks_of_a_ten_billionth_dollar() {
        assertThat(new Spend("grok-imagine-video", 3_000_000_000L).usd()).isEqualByComparingTo(new BigDecimal("0.30"));
        Job job = JobStoreContract.sampleJob(1, new JobState.Queued()).withSpend(new Spend("v", 100));
        assertThat(job.spentUsdTicks()).isEqualTo(12_345 + 100);
    }

    @Test
    void only_a_moderation_block_is_beyond_a_retry() {
        for (FailureCode code : FailureCode.values()) {
            assertThat(code.retryable()).as(code.name()).isEqualTo(code != FailureCode.MODERATION_BLOCKED);
        }
    }
}
