package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.RestyleOutcome;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.testing.RecordingDelivery.Failed;
import dev.kisscam.core.testing.RecordingDelivery.VideoReady;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Styles, wishes, another take, and a provider that asks us to slow down. */
class DirectionTest {
    private static final VideoStyle RAIN = new VideoStyle("rain");
    private static final VideoStyle CINEMATIC = new VideoStyle("cinematic");

    private final Harness h = new Harness();
    private Requester alice;

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    private void start() {
        h.start();
        alice = h.requester("alice");
    }

    private IntakeOutcome submit(Requester requester, Direction direction, byte[]... photos) {
        return h.core.intake().submit(requester, List.of(photos).stream().map(IncomingPhoto::of).toList(), direction);
    }

    private static JobId accepted(IntakeOutcome outcome) {
        assertThat(outcome).isInstanceOf(IntakeOutcome.JobAccepted.class);
        return ((IntakeOutcome.JobAccepted) outcome).job();
    }

    private GenerationRequest submissionOf(JobId job) {
        return h.generator.submissions().stream().filter(r -> r.job().equals(job)).findFirst().orElseThrow();
    }

    @Test
    void a_job_with_no_choice_is_made_in_the_first_configured_style() throws InterruptedException {
        h.settings = h.settings.withStyles(List.of(RAIN, CINEMATIC));
        start();

        JobId job = accepted(h.submit(alice, h.photoOf(2)));
        h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(submissionOf(job).direction()).isEqualTo(new Direction(RAIN, Optional.empty()));
        assertThat(h.jobStore.find(job).orElseThrow().direction().style()).isEqualTo(RAIN);
    }

    @Test
    void the_style_and_wish_sent_with_the_photo_reach_the_provider() throws InterruptedException {
        start();
        var direction = new Direction(CINEMATIC, Wish.from("on a beach\nat night"));

        JobId job = accepted(submit(alice, direction, h.photoOf(2)));
        h.delivery.await(VideoReady.class, job, WAIT);

        assertThat(submissionOf(job).direction().style()).isEqualTo(CINEMATIC);
        assertThat(submissionOf(job).direction().wish().map(Wish::text)).contains("on a beach at night");
    }

    @Test
    void a_wish_for_what_is_never_made_is_refused_before_anything_is_stored_or_charged() {
        start();
        int used = h.quota.status(alice.id(), h.clock.instant()).used();

        var outcome = submit(alice, new Direction(VideoStyle.DEFAULT, Wish.from("make them naked")), h.photoOf(2));

        assertThat(outcome).isEqualTo(new IntakeOutcome.Refused(new Refusal.WishNotAllowed(Refusal.WishNotAllowed.Topic.NUDITY)));
        assertThat(h.media.count()).isZero();
        assertThat(h.quota.status(alice.id(), h.clock.instant()).used()).isEqualTo(used);
        assertThat(h.generator.submissions()).isEmpty();
    }

    @Test
    void a_style_this_core_does_not_offer_is_refused_by_name() {
        start();

        var outcome = submit(alice, Direction.DEFAULT.withStyle(new VideoStyle("underwater")), h.photoOf(2));

        assertThat(outcome).isEqualTo(new IntakeOutcome.Refused(new Refusal.UnknownStyle(new VideoStyle("underwater"))));
        assertThat(h.media.count()).isZero();
    }

    @Test
    void the_second_photo_of_a_pair_sets_the_direction_only_when_it_says_something() throws InterruptedException {
        start();
        Requester bob = h.requester("bob");
        submit(alice, new Direction(RAIN, Wish.from("in Paris")), h.photoOf(1));
        JobId kept = accepted(submit(alice, Direction.DEFAULT, h.photoOf(1)));
        submit(bob, new Direction(RAIN, Wish.from("in Paris")), h.photoOf(1));
        JobId changed = accepted(submit(bob, new Direction(VideoStyle.DEFAULT, Wish.from("in Rome")), h.photoOf(1)));
        h.delivery.await(VideoReady.class, kept, WAIT);
        h.delivery.await(VideoReady.class, changed, WAIT);

        assertThat(submissionOf(kept).direction()).isEqualTo(new Direction(RAIN, Wish.from("in Paris")));
        assertThat(submissionOf(changed).direction())
                .isEqualTo(new Direction(VideoStyle.GENTLE, Wish.from("in Rome")));
    }

    @Test
    void a_waiting_job_takes_a_new_style_and_a_submitted_one_keeps_its_own() throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.generator.holdPolls();
        start();
        Requester bob = h.requester("bob");
        JobId running = accepted(h.submit(alice, h.photoOf(2)));
        h.generator.awaitPolls(1, WAIT);
        JobId waiting = accepted(h.submit(bob, h.photoOf(2)));

        assertThat(h.core.control().restyle(bob.id(), waiting, RAIN)).isEqualTo(new RestyleOutcome.Restyled(waiting, RAIN));
        assertThat(h.core.control().restyle(alice.id(), running, RAIN)).isEqualTo(new RestyleOutcome.TooLate(running));
        assertThat(h.core.control().restyle(alice.id(), waiting, CINEMATIC)).isEqualTo(new RestyleOutcome.NoSuchJob());
        assertThat(h.core.control().restyle(bob.id(), waiting, new VideoStyle("underwater")))
                .isEqualTo(new RestyleOutcome.UnknownStyle(new VideoStyle("underwater")));
        h.generator.releasePolls();
        h.delivery.await(VideoReady.class, waiting, WAIT);

        assertThat(submissionOf(running).direction().style()).isEqualTo(VideoStyle.GENTLE);
        assertThat(submissionOf(waiting).direction().style()).isEqualTo(RAIN);
    }

    @Test
    void another_take_makes_a_new_video_of_the_kept_photos_in_the_chosen_style_and_costs_quota()
            throws InterruptedException {
        h.settings = h.settings.withRepeatWindow(Duration.ofHours(1));
        start();
        byte[] couple = h.photoOf(2);
        JobId first = accepted(submit(alice, new Direction(RAIN, Wish.from("in Paris")), couple));
        h.delivery.await(VideoReady.class, first, WAIT);
        h.awaitFinished(first);
        int used = h.quota.status(alice.id(), h.clock.instant()).used();

        JobId take = accepted(h.core.control().anotherTake(alice, first, Optional.of(CINEMATIC)));
        h.delivery.await(VideoReady.class, take, WAIT);

        assertThat(submissionOf(take).direction()).isEqualTo(new Direction(CINEMATIC, Wish.from("in Paris")));
        assertThat(h.generator.submittedPhotoBytes().getLast()).isEqualTo(couple);
        assertThat(h.quota.status(alice.id(), h.clock.instant()).used()).isEqualTo(used + 1);
        assertThat(h.awaitFinished(take).photos().getFirst().photo().key())
                .isNotEqualTo(h.jobStore.find(first).orElseThrow().photos().getFirst().photo().key());
        // the first video and its photo are still kept for the window, the take's own copies are gone
        assertThat(h.media.countOf(MediaKind.PHOTO)).isEqualTo(1);
    }

    @Test
    void another_take_is_refused_once_the_photos_are_no_longer_kept_and_for_someone_elses_video()
            throws InterruptedException {
        h.settings = h.settings.withRepeatWindow(Duration.ofMinutes(10));
        start();
        Requester bob = h.requester("bob");
        JobId first = accepted(h.submit(alice, h.photoOf(2)));
        h.awaitFinished(first);

        assertThat(h.core.control().anotherTake(bob, first, Optional.empty())).isInstanceOf(IntakeOutcome.Refused.class);
        h.clock.advance(Duration.ofMinutes(11));
        var late = h.core.control().anotherTake(alice, first, Optional.empty());

        assertThat(late).isEqualTo(new IntakeOutcome.Refused(new Refusal.NotRetryable("the photos are no longer kept")));
        assertThat(h.generator.submissions()).hasSize(1);
    }

    @Test
    void a_provider_at_its_rate_limit_pauses_submissions_and_every_job_is_still_made_once()
            throws InterruptedException {
        h.settings = h.settings.withMaxConcurrentGenerations(1);
        h.generator.clock(h.clock).rateLimitNext(1, Duration.ofSeconds(30));
        start();
        Requester bob = h.requester("bob");
        Requester carol = h.requester("carol");
        JobId a = accepted(h.submit(alice, h.photoOf(2)));
        h.generator.awaitRateLimited(1, WAIT);
        // back in the queue: the pause is set by then
        h.jobStore.awaitStates(a, states -> states.getLast() instanceof JobState.Queued
                && states.stream().anyMatch(JobState.Submitting.class::isInstance), WAIT);
        JobId b = accepted(h.submit(bob, h.photoOf(2)));
        JobId c = accepted(h.submit(carol, h.photoOf(2)));
        var refusedAt = h.clock.instant();

        h.clock.advance(Duration.ofSeconds(31));
        for (JobId job : List.of(a, b, c)) {
            h.delivery.await(VideoReady.class, job, WAIT);
        }

        assertThat(h.generator.submissions()).extracting(GenerationRequest::job).containsExactlyInAnyOrder(a, b, c);
        assertThat(h.generator.submittedAt()).allSatisfy(at -> assertThat(at).isAfter(refusedAt.plusSeconds(30)));
        for (Requester requester : List.of(alice, bob, carol)) {
            assertThat(h.quota.status(requester.id(), h.clock.instant()).used()).isEqualTo(1);
        }
        assertThat(h.delivery.events()).noneMatch(Failed.class::isInstance);
    }

    @Test
    void a_job_held_back_by_the_rate_limit_longer_than_a_generation_may_take_fails_busy_and_costs_nothing()
            throws InterruptedException {
        h.generator.policy(new PollingPolicy(Duration.ZERO, Duration.ofMinutes(5)))
                .rateLimitNext(Integer.MAX_VALUE, Duration.ofMinutes(1));
        start();
        JobId job = accepted(h.submit(alice, h.photoOf(2)));
        h.generator.awaitRateLimited(1, WAIT);

        h.clock.advance(Duration.ofMinutes(6));
        Failed failed = h.delivery.await(Failed.class, job, WAIT);

        assertThat(failed.failure().code()).isEqualTo(FailureCode.SERVICE_BUSY);
        assertThat(h.quota.status(alice.id(), h.clock.instant()).used()).isZero();
        assertThat(h.awaitFinished(job).state()).isInstanceOf(JobState.Failed.class);
        assertThat(h.generator.submissions()).isEmpty();
    }
}
