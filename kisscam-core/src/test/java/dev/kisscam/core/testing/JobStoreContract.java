package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.JobStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link JobStore} must do. Extend it; {@link #reopen()} must return a store over the same
 * durable state (a new instance for a persistent store), so the tests also prove what survives a restart.
 */
public abstract class JobStoreContract {

    protected static final Instant T0 = Instant.parse("2026-11-26T10:15:30.123456Z");

    protected JobStore store;

    protected abstract JobStore newStore() throws Exception;

    protected abstract JobStore reopen() throws Exception;

    @BeforeEach
    void createStore() throws Exception {
        store = newStore();
    }

    /** A sample job; jobs whose sequences differ by a multiple of 7 share a requester. */
    public static Job sampleJob(long sequence, JobState state) {
        return sampleJob(sequence, state, "test:" + sequence % 7);
    }

    public static Job sampleJob(long sequence, JobState state, String requesterId) {
        var requester = new Requester(new RequesterId(requesterId), "chat-" + sequence, Locale.forLanguageTag("ru"));
        var photo = new JobPhoto(
                new Photo(new MediaKey("photo-" + sequence), ImageFormat.JPEG, new Dimensions(1280, 960), 123_456,
                        TestImages.digestOf(("photo-" + sequence).getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                List.of(new PersonBox(0.1, 0.2, 0.3, 0.4), new PersonBox(0.5, 0.1, 0.25, 0.8)));
        return new Job(JobId.random(), sequence, requester, List.of(photo), state, T0, T0.plusSeconds(sequence),
                List.of(new Spend("grok-4.3", 12_345)),
                new Direction(new VideoStyle("rain"), Wish.from("on a beach at night, «ё» and ünïcødé")));
    }

    static List<JobState> everyState() {
        return List.of(
                new JobState.Draft(T0.plusSeconds(600)),
                new JobState.Queued(),
                new JobState.Submitting(2),
                new JobState.Generating(new GenerationTicket("req-abc-123"), 1, T0.plusMillis(1500)),
                new JobState.Delivering(new MediaKey("video-1"), 4_000_000, 3, T0.plusSeconds(30)),
                new JobState.Done(T0.plusSeconds(99)),
                new JobState.Failed(new Failure(FailureCode.MODERATION_BLOCKED, "blocked: \"quotes\" and ünïcødé")),
                new JobState.Cancelled(),
                new JobState.Expired());
    }

    @Test
    void every_state_survives_a_reopen_exactly() throws Exception {
        var saved = new ArrayList<Job>();
        long sequence = 1;
        for (JobState state : everyState()) {
            Job job = sampleJob(sequence++, state);
            store.save(job);
            saved.add(job);
        }
        JobStore reopened = reopen();
        for (Job job : saved) {
            assertThat(reopened.find(job.id())).contains(job);
        }
    }

    @Test
    void a_two_photo_job_keeps_both_photos_in_order() throws Exception {
        Job one = sampleJob(1, new JobState.Queued());
        // A photo an older release stored has no digest; it must come back without one.
        var second = new JobPhoto(new Photo(new MediaKey("photo-second"), ImageFormat.WEBP, new Dimensions(800, 1200), 99,
                java.util.Optional.empty()), List.of());
        Job two = one.withPhotos(List.of(one.photos().getFirst(), second), new JobState.Queued(), T0);
        store.save(two);
        assertThat(reopen().find(two.id())).contains(two);
    }

    @Test
    void a_save_replaces_the_earlier_version() throws Exception {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);
        Job later = job.withState(new JobState.Generating(new GenerationTicket("t-1"), 1, T0), T0.plusSeconds(5));
        store.save(later);

        assertThat(reopen().find(job.id())).contains(later);
    }

    @Test
    void unfinished_lists_only_unfinished_jobs_in_sequence_order() throws Exception {
        Job third = sampleJob(30, new JobState.Queued());
        Job first = sampleJob(10, new JobState.Generating(new GenerationTicket("t"), 1, T0));
        Job done = sampleJob(15, new JobState.Done(T0));
        Job second = sampleJob(20, new JobState.Draft(T0));
        Job failed = sampleJob(25, new JobState.Failed(new Failure(FailureCode.GENERATION_FAILED, "x")));
        for (Job job : List.of(third, first, done, second, failed)) {
            store.save(job);
        }
        // a job that finishes leaves the unfinished list
        Job secondCancelled = second.withState(new JobState.Cancelled(), T0);
        store.save(secondCancelled);

        assertThat(reopen().unfinished()).extracting(Job::id).containsExactly(first.id(), third.id());
    }

    @Test
    void an_unknown_id_is_empty() {
        assertThat(store.find(JobId.random())).isEmpty();
    }

    @Test
    void delivered_jobs_are_counted_per_requester() throws Exception {
        Job a = sampleJob(7, new JobState.Done(T0));
        Job b = sampleJob(14, new JobState.Done(T0));
        Job c = sampleJob(21, new JobState.Failed(new Failure(FailureCode.GENERATION_FAILED, "x")));
        Job other = sampleJob(8, new JobState.Done(T0));
        for (Job job : List.of(a, b, c, other)) {
            store.save(job);
        }
        JobStore reopened = reopen();
        assertThat(reopened.countDelivered(a.requester().id())).isEqualTo(2);
        assertThat(reopened.countDelivered(other.requester().id())).isEqualTo(1);
        assertThat(reopened.countDelivered(new RequesterId("test:nobody"))).isZero();
    }

    @Test
    void concurrent_saves_of_different_jobs_all_land() throws Exception {
        List<Job> jobs = IntStream.range(0, 200).mapToObj(i -> sampleJob(i, new JobState.Queued(), "test:" + i)).toList();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Job job : jobs) {
                executor.submit(() -> {
                    store.save(job);
                    store.save(job.withState(new JobState.Submitting(1), T0));
                });
            }
        }
        List<Job> unfinished = reopen().unfinished();
        assertThat(unfinished).hasSize(200);
        assertThat(unfinished).allSatisfy(j -> assertThat(j.state()).isEqualTo(new JobState.Submitting(1)));
        assertThat(unfinished).extracting(Job::sequence).isSorted();
    }

    @Test
    void an_update_changes_the_current_version_durably() throws Exception {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);

        var updated = store.update(job.id(), current -> current.withState(new JobState.Submitting(1), T0.plusSeconds(9)));

        assertThat(updated).get().extracting(Job::state).isEqualTo(new JobState.Submitting(1));
        assertThat(reopen().find(job.id())).isEqualTo(updated);
    }

    @Test
    void an_update_that_returns_null_or_names_no_job_saves_nothing() throws Exception {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);

        assertThat(store.update(job.id(), current -> null)).isEmpty();
        assertThat(store.update(JobId.random(), current -> current.withState(new JobState.Cancelled(), T0))).isEmpty();
        assertThat(reopen().find(job.id())).contains(job);
    }

    @Test
    void an_update_can_finish_a_job() throws Exception {
        Job job = sampleJob(1, JobState.Delivering.stored(new MediaKey("video-9"), 10, T0));
        store.save(job);

        store.update(job.id(), current -> current.withState(new JobState.Done(T0), T0));

        JobStore reopened = reopen();
        assertThat(reopened.unfinished()).isEmpty();
        assertThat(reopened.countDelivered(job.requester().id())).isEqualTo(1);
    }

    @Test
    void concurrent_updates_of_one_job_never_lose_a_change() throws Exception {
        Job job = sampleJob(1, new JobState.Queued());
        store.save(job);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 100; i++) {
                executor.submit(() -> store.update(job.id(), current -> current.withSpend(new Spend("m", 1))));
            }
        }
        // one spend from the sample, one from each update: a lost update would leave fewer
        assertThat(reopen().find(job.id()).orElseThrow().spends()).hasSize(101);
    }

    @Test
    void unfinished_of_a_requester_lists_their_draft_and_active_job_only() throws Exception {
        Job draft = sampleJob(7, new JobState.Draft(T0));
        Job active = sampleJob(14, new JobState.Queued());
        Job done = sampleJob(21, new JobState.Done(T0));
        Job someoneElse = sampleJob(8, new JobState.Queued());
        for (Job job : List.of(active, draft, done, someoneElse)) {
            store.save(job);
        }

        assertThat(reopen().unfinishedOf(draft.requester().id())).extracting(Job::id)
                .containsExactly(draft.id(), active.id());
    }

    @Test
    void a_requester_has_at_most_one_active_job_and_one_draft() {
        store.save(sampleJob(7, new JobState.Queued()));
        store.save(sampleJob(14, new JobState.Draft(T0)));
        store.save(sampleJob(21, new JobState.Done(T0)));

        assertThatThrownBy(() -> store.save(sampleJob(28, new JobState.Generating(new GenerationTicket("t"), 1, T0))))
                .isInstanceOf(JobStore.RequesterBusy.class);
        assertThatThrownBy(() -> store.save(sampleJob(35, new JobState.Draft(T0))))
                .isInstanceOf(JobStore.RequesterBusy.class);
        assertThat(store.unfinishedOf(sampleJob(7, new JobState.Queued()).requester().id())).hasSize(2);
    }

    @Test
    void an_update_that_would_make_a_second_active_job_is_refused_and_saves_nothing() throws Exception {
        Job active = sampleJob(7, new JobState.Queued());
        Job draft = sampleJob(14, new JobState.Draft(T0));
        store.save(active);
        store.save(draft);

        assertThatThrownBy(() -> store.update(draft.id(), d -> d.withState(new JobState.Queued(), T0)))
                .isInstanceOf(JobStore.RequesterBusy.class);
        assertThat(reopen().find(draft.id())).contains(draft);
    }

    @Test
    void work_is_claimed_oldest_first_and_by_one_owner_at_a_time() {
        Job second = sampleJob(20, new JobState.Queued(), "test:b");
        Job first = sampleJob(10, new JobState.Queued(), "test:a");
        store.save(second);
        store.save(first);

        assertThat(store.waiting(T0)).containsExactly(first.id(), second.id());
        assertThat(store.claim(JobStore.Work.GENERATION, "one", T0, T0.plusSeconds(30))).map(Job::id).contains(first.id());
        assertThat(store.waiting(T0)).as("a claimed job waits no more").containsExactly(second.id());
        assertThat(store.waiting(T0.plusSeconds(31))).as("unless its owner is gone").containsExactly(first.id(), second.id());
        assertThat(store.claim(JobStore.Work.GENERATION, "two", T0, T0.plusSeconds(30))).map(Job::id).contains(second.id());
        assertThat(store.claim(JobStore.Work.GENERATION, "three", T0, T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void a_job_whose_lease_ran_out_is_taken_over_and_a_paid_generation_goes_first() {
        Job queued = sampleJob(5, new JobState.Queued(), "test:a");
        Job generating = sampleJob(9, new JobState.Generating(new GenerationTicket("t"), 1, T0), "test:b");
        store.save(queued);
        store.save(generating);
        assertThat(store.claim(JobStore.Work.GENERATION, "dead", T0, T0.plusSeconds(30))).map(Job::id)
                .contains(generating.id());

        assertThat(store.claim(JobStore.Work.GENERATION, "alive", T0.plusSeconds(10), T0.plusSeconds(40)))
                .map(Job::id).contains(queued.id());
        assertThat(store.claim(JobStore.Work.GENERATION, "alive", T0.plusSeconds(31), T0.plusSeconds(61)))
                .map(Job::id).contains(generating.id());
        assertThat(store.renew("dead", List.of(generating.id()), T0.plusSeconds(90))).containsExactly(generating.id());
    }

    @Test
    void each_kind_of_work_claims_its_own_states() {
        Job delivering = sampleJob(1, JobState.Delivering.stored(new MediaKey("video-1"), 10, T0), "test:a");
        Job submitting = sampleJob(2, new JobState.Submitting(1), "test:b");
        Job draft = sampleJob(3, new JobState.Draft(T0), "test:c");
        Job done = sampleJob(4, new JobState.Done(T0), "test:d");
        for (Job job : List.of(delivering, submitting, draft, done)) {
            store.save(job);
        }

        assertThat(store.claim(JobStore.Work.GENERATION, "o", T0, T0.plusSeconds(30))).isEmpty();
        assertThat(store.claim(JobStore.Work.DELIVERY, "o", T0, T0.plusSeconds(30))).map(Job::id).contains(delivering.id());
        assertThat(store.claim(JobStore.Work.INTERRUPTED_SUBMISSION, "o", T0, T0.plusSeconds(30))).map(Job::id)
                .contains(submitting.id());
        assertThat(store.claim(JobStore.Work.DELIVERY, "o", T0, T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void a_released_job_can_be_claimed_at_once_and_renewing_keeps_it() {
        Job job = sampleJob(1, new JobState.Queued(), "test:a");
        Job other = sampleJob(2, new JobState.Queued(), "test:b");
        store.save(job);
        store.save(other);
        store.claim(JobStore.Work.GENERATION, "one", T0, T0.plusSeconds(30));
        store.claim(JobStore.Work.GENERATION, "one", T0, T0.plusSeconds(30));

        assertThat(store.renew("one", List.of(job.id(), other.id()), T0.plusSeconds(60))).isEmpty();
        assertThat(store.claim(JobStore.Work.GENERATION, "two", T0.plusSeconds(45), T0.plusSeconds(90))).isEmpty();
        store.release("one", job.id());
        assertThat(store.claim(JobStore.Work.GENERATION, "two", T0.plusSeconds(46), T0.plusSeconds(90))).map(Job::id)
                .contains(job.id());
        store.releaseAll("one");
        assertThat(store.claim(JobStore.Work.GENERATION, "two", T0.plusSeconds(47), T0.plusSeconds(90))).map(Job::id)
                .contains(other.id());
    }

    @Test
    void concurrent_claims_never_hand_out_one_job_twice() throws Exception {
        List<Job> jobs = IntStream.range(0, 50).mapToObj(i -> sampleJob(i, new JobState.Queued(), "test:" + i)).toList();
        jobs.forEach(store::save);
        var claimed = java.util.Collections.synchronizedList(new ArrayList<JobId>());
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int owner = 0; owner < 10; owner++) {
                String name = "owner-" + owner;
                executor.submit(() -> {
                    for (var job = store.claim(JobStore.Work.GENERATION, name, T0, T0.plusSeconds(30)); job.isPresent();
                            job = store.claim(JobStore.Work.GENERATION, name, T0, T0.plusSeconds(30))) {
                        claimed.add(job.get().id());
                    }
                });
            }
        }
        assertThat(claimed).hasSize(50).doesNotHaveDuplicates();
    }
}
