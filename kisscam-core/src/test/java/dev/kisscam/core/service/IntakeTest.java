package dev.kisscam.core.service;

import static dev.kisscam.core.service.Harness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.testing.MediaStoreContract;
import dev.kisscam.core.testing.RecordingDelivery;
import dev.kisscam.core.testing.TestImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntakeTest {
    private Harness h;
    private Requester alice;

    @BeforeEach
    void start() {
        h = new Harness();
        h.generator.holdPolls(); // jobs stay running: these tests look at intake alone
        h.start();
        alice = h.requester("alice");
    }

    @AfterEach
    void stop() throws InterruptedException {
        h.close();
    }

    private Refusal refusalOf(IntakeOutcome outcome) {
        assertThat(outcome).isInstanceOf(IntakeOutcome.Refused.class);
        return ((IntakeOutcome.Refused) outcome).refusal();
    }

    @Test
    void one_photo_of_two_people_makes_a_job_at_once() throws InterruptedException {
        var outcome = h.submit(alice, h.photoOf(2));

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.JobAccepted.class, accepted -> {
            assertThat(accepted.queuePosition()).isZero();
            assertThat(accepted.replacedDraft()).isFalse();
        });
        var job = ((IntakeOutcome.JobAccepted) outcome).job();
        assertThat(h.jobStore.find(job)).get().extracting(j -> j.photos().size()).isEqualTo(1);
    }

    @Test
    void one_person_waits_for_a_second_photo_of_one_person() {
        var first = h.submit(alice, h.photoOf(1));
        assertThat(first).isInstanceOfSatisfying(IntakeOutcome.AwaitingSecondPhoto.class, waiting ->
                assertThat(waiting.expiresAt()).isEqualTo(h.clock.instant().plus(Duration.ofMinutes(10))));
        var draft = ((IntakeOutcome.AwaitingSecondPhoto) first).draft();
        assertThat(h.jobStore.find(draft).orElseThrow().state()).isInstanceOf(JobState.Draft.class);

        var second = h.submit(alice, h.photoOf(1));

        assertThat(second).isInstanceOfSatisfying(IntakeOutcome.JobAccepted.class,
                accepted -> assertThat(accepted.job()).isEqualTo(draft));
        Job job = h.jobStore.find(draft).orElseThrow();
        assertThat(job.photos()).hasSize(2);
        assertThat(job.state()).isNotInstanceOf(JobState.Draft.class);
    }

    @Test
    void an_album_of_two_one_person_photos_makes_a_job_at_once() {
        var outcome = h.submitAlbum(alice, h.photoOf(1), h.photoOf(1));
        assertThat(outcome).isInstanceOf(IntakeOutcome.JobAccepted.class);
        assertThat(h.jobStore.find(((IntakeOutcome.JobAccepted) outcome).job()).orElseThrow().photos()).hasSize(2);
    }

    @Test
    void an_album_of_three_is_refused_before_anything_is_read() {
        var outcome = h.submitAlbum(alice, h.photoOf(1), h.photoOf(1), h.photoOf(1));
        assertThat(refusalOf(outcome)).isEqualTo(new Refusal.TooManyPhotos(3, 2));
        assertThat(h.detector.calls()).isZero();
        assertThat(h.media.count()).isZero();
    }

    @Test
    void an_album_needs_one_person_in_each_photo_and_says_what_it_saw() {
        var outcome = h.submitAlbum(alice, h.photoOf(2), h.photoOf(1));
        assertThat(refusalOf(outcome)).isEqualTo(new Refusal.NeedOnePersonPerPhoto(List.of(2, 1)));
        assertThat(h.media.count()).isZero();
    }

    @Test
    void no_one_too_many_or_anyone_underage_is_refused_and_nothing_is_kept() {
        assertThat(refusalOf(h.submit(alice, h.photoOf(0)))).isEqualTo(new Refusal.NoPeople());
        assertThat(refusalOf(h.submit(alice, h.photoOf(3)))).isEqualTo(new Refusal.TooManyPeople(3));
        byte[] young = TestImages.jpeg(640, 480, 4242);
        h.detector.sees(young, 2, true);
        assertThat(refusalOf(h.submit(alice, young))).isEqualTo(new Refusal.LooksUnderage());
        assertThat(h.media.count()).isZero();
        assertThat(h.jobStore.all()).isEmpty();
    }

    @Test
    void a_two_person_photo_replaces_a_waiting_draft_and_says_so() {
        var draft = (IntakeOutcome.AwaitingSecondPhoto) h.submit(alice, h.photoOf(1));
        var draftPhoto = h.jobStore.find(draft.draft()).orElseThrow().photoKeys().getFirst();

        var outcome = h.submit(alice, h.photoOf(2));

        assertThat(outcome).isInstanceOfSatisfying(IntakeOutcome.JobAccepted.class, accepted -> {
            assertThat(accepted.replacedDraft()).isTrue();
            assertThat(accepted.job()).isNotEqualTo(draft.draft());
        });
        assertThat(h.jobStore.find(draft.draft()).orElseThrow().state()).isEqualTo(new JobState.Cancelled());
        assertThat(h.media.contains(draftPhoto)).isFalse();
    }

    @Test
    void a_draft_expires_after_its_lifetime_and_the_requester_is_told() throws InterruptedException {
        var draft = (IntakeOutcome.AwaitingSecondPhoto) h.submit(alice, h.photoOf(1));
        h.clock.advance(Duration.ofMinutes(9));
        assertThat(h.core.expireDueDrafts()).isZero();

        h.clock.advance(Duration.ofMinutes(1));
        assertThat(h.core.expireDueDrafts()).isEqualTo(1);

        assertThat(h.delivery.await(RecordingDelivery.DraftExpired.class, e -> e.requester().equals(alice), WAIT)).isNotNull();
        assertThat(h.jobStore.find(draft.draft()).orElseThrow().state()).isEqualTo(new JobState.Expired());
        assertThat(h.media.count()).isZero();
        assertThat(h.submit(alice, h.photoOf(1))).isInstanceOf(IntakeOutcome.AwaitingSecondPhoto.class);
    }

    @Test
    void a_second_photo_after_the_draft_lapsed_starts_a_new_draft() {
        var first = (IntakeOutcome.AwaitingSecondPhoto) h.submit(alice, h.photoOf(1));
        h.clock.advance(Duration.ofMinutes(11));

        var second = h.submit(alice, h.photoOf(1));

        assertThat(second).isInstanceOfSatisfying(IntakeOutcome.AwaitingSecondPhoto.class,
                waiting -> assertThat(waiting.draft()).isNotEqualTo(first.draft()));
        assertThat(h.jobStore.find(first.draft()).orElseThrow().state()).isEqualTo(new JobState.Expired());
    }

    @Test
    void formats_other_than_jpeg_png_and_webp_are_refused_whatever_they_claim() {
        var pdfClaimingJpeg = new IncomingPhoto(() -> new ByteArrayInputStream(TestImages.pdf()), OptionalLong.empty(), "image/jpeg");
        assertThat(refusalOf(h.core.intake().submit(alice, pdfClaimingJpeg))).isEqualTo(new Refusal.UnsupportedFormat("PDF"));
        assertThat(refusalOf(h.submit(alice, TestImages.gif()))).isEqualTo(new Refusal.UnsupportedFormat("GIF"));
        assertThat(refusalOf(h.submit(alice, TestImages.heic()))).isEqualTo(new Refusal.UnsupportedFormat("HEIC"));
        assertThat(h.detector.calls()).isZero();
        assertThat(h.media.count()).isZero();
    }

    @Test
    void png_and_webp_are_accepted() {
        byte[] png = TestImages.png(400, 300, 77);
        h.detector.sees(png, 2);
        assertThat(h.submit(alice, png)).isInstanceOf(IntakeOutcome.JobAccepted.class);

        Requester bob = h.requester("bob");
        byte[] webp = TestImages.webpLossless(800, 600);
        h.detector.sees(webp, 1);
        assertThat(h.submit(bob, webp)).isInstanceOf(IntakeOutcome.AwaitingSecondPhoto.class);
    }

    @Test
    void a_declared_size_over_the_limit_is_refused_without_reading() {
        var opened = new AtomicBoolean();
        var huge = new IncomingPhoto(() -> {
            opened.set(true);
            return InputStream.nullInputStream();
        }, OptionalLong.of(30L * 1024 * 1024), "image/jpeg");

        assertThat(refusalOf(h.core.intake().submit(alice, huge)))
                .isEqualTo(new Refusal.PhotoTooLarge(30L * 1024 * 1024, 20L * 1024 * 1024));
        assertThat(opened).isFalse();
    }

    @Test
    void an_undeclared_stream_over_the_limit_is_cut_off_and_nothing_is_kept() {
        byte[] jpeg = TestImages.jpeg(640, 480, 5);
        var endless = new IncomingPhoto(() -> new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(jpeg, jpeg.length - 2)),
                new MediaStoreContract.SeededStream(30L * 1024 * 1024, 1)), OptionalLong.empty(), "");

        Refusal refusal = refusalOf(h.core.intake().submit(alice, endless));

        assertThat(refusal).isInstanceOfSatisfying(Refusal.PhotoTooLarge.class,
                tooLarge -> assertThat(tooLarge.sizeBytes()).isGreaterThan(20L * 1024 * 1024));
        assertThat(h.media.count()).isZero();
    }

    @Test
    void a_truncated_jpeg_is_refused_as_unreadable() {
        byte[] jpeg = TestImages.jpeg(640, 480, 6);
        byte[] cut = TestImages.truncated(jpeg, jpeg.length * 2 / 3);
        h.detector.sees(cut, 2);
        assertThat(refusalOf(h.submit(alice, cut))).isInstanceOf(Refusal.PhotoUnreadable.class);
        assertThat(h.detector.calls()).isZero();
        assertThat(h.media.count()).isZero();
    }

    @Test
    void a_decompression_bomb_is_refused_from_its_header() {
        assertThat(refusalOf(h.submit(alice, TestImages.pngHeaderOnly(50_000, 50_000))))
                .isEqualTo(new Refusal.PhotoTooManyPixels(new Dimensions(50_000, 50_000), 40_000_000));
        assertThat(h.media.count()).isZero();
    }

    @Test
    void a_tiny_photo_is_refused() {
        assertThat(refusalOf(h.submit(alice, TestImages.jpeg(150, 400, 7))))
                .isEqualTo(new Refusal.PhotoTooSmall(new Dimensions(150, 400), 200));
    }

    @Test
    void a_broken_transfer_is_refused_as_unreadable() {
        byte[] jpeg = TestImages.jpeg(640, 480, 8);
        var breaking = new IncomingPhoto(() -> new SequenceInputStream(new ByteArrayInputStream(jpeg), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        }), OptionalLong.empty(), "");
        assertThat(refusalOf(h.core.intake().submit(alice, breaking))).isInstanceOf(Refusal.PhotoUnreadable.class);
        assertThat(h.media.count()).isZero();
    }

    @Test
    void nothing_is_read_before_consent() {
        var stranger = new Requester(new dev.kisscam.core.domain.RequesterId("test:stranger"), "chat", java.util.Locale.ENGLISH);
        assertThat(refusalOf(h.submit(stranger, h.photoOf(2)))).isEqualTo(new Refusal.ConsentRequired());
        assertThat(h.detector.calls()).isZero();

        h.core.consent().giveConsent(stranger.id());
        assertThat(h.core.consent().hasConsented(stranger.id())).isTrue();
        assertThat(h.submit(stranger, h.photoOf(2))).isInstanceOf(IntakeOutcome.JobAccepted.class);
    }

    @Test
    void a_second_submission_while_a_job_is_active_gets_a_clear_answer_not_a_second_job() {
        var first = (IntakeOutcome.JobAccepted) h.submit(alice, h.photoOf(2));
        assertThat(refusalOf(h.submit(alice, h.photoOf(2)))).isEqualTo(new Refusal.JobAlreadyActive(first.job()));
        assertThat(h.jobStore.all()).hasSize(1);
        assertThat(h.detector.calls()).isEqualTo(1);
    }

    @Test
    void the_quota_counts_jobs_only_and_says_when_it_resets() throws InterruptedException {
        h.close();
        h = new Harness();
        h.quota = new dev.kisscam.core.testing.InMemoryQuota(2, Duration.ofHours(1));
        h.start();
        alice = h.requester("alice");

        for (int i = 0; i < 2; i++) {
            assertThat(refusalOf(h.submit(alice, h.photoOf(0)))).isEqualTo(new Refusal.NoPeople());
            var job = (IntakeOutcome.JobAccepted) h.submit(alice, h.photoOf(2));
            assertThat(h.awaitFinished(job.job()).state()).isInstanceOf(JobState.Done.class);
        }
        Refusal refusal = refusalOf(h.submit(alice, h.photoOf(2)));

        assertThat(refusal).isEqualTo(new Refusal.QuotaExhausted(2, h.clock.instant().plus(Duration.ofHours(1))));
        assertThat(h.detector.calls()).isEqualTo(4);
    }

    @Test
    void a_failing_detector_refuses_as_unavailable_and_keeps_nothing() {
        h.detector.failWith(new PeopleDetectionException(ProviderFault.UNAVAILABLE, "circuit open"));
        assertThat(refusalOf(h.submit(alice, h.photoOf(2)))).isEqualTo(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        h.detector.failWith(new PeopleDetectionException(ProviderFault.ACCESS_DENIED, "credits exhausted"));
        assertThat(refusalOf(h.submitAlbum(alice, h.photoOf(1), h.photoOf(1))))
                .isEqualTo(new Refusal.ServiceUnavailable(FailureCode.SERVICE_NOT_AVAILABLE));
        assertThat(h.media.count()).isZero();
    }

    @Test
    void a_failing_media_store_refuses_as_unavailable() {
        h.media.failing(true);
        assertThat(refusalOf(h.submit(alice, h.photoOf(2)))).isEqualTo(new Refusal.ServiceUnavailable(FailureCode.STORAGE_FAILED));
        h.media.failing(false);
        assertThat(h.media.countOf(MediaKind.PHOTO)).isZero();
    }

    @Test
    void a_store_that_cannot_be_read_for_detection_fails_one_photo_and_two_photos_the_same_way() {
        byte[] couple = h.photoOf(2);
        byte[] first = h.photoOf(1);
        byte[] second = h.photoOf(1);
        h.media.failingReads(true);

        assertThat(refusalOf(h.submit(alice, couple)))
                .isEqualTo(new Refusal.ServiceUnavailable(FailureCode.STORAGE_FAILED));
        assertThat(refusalOf(h.submitAlbum(alice, first, second)))
                .isEqualTo(new Refusal.ServiceUnavailable(FailureCode.STORAGE_FAILED));
        h.media.failingReads(false);
        assertThat(h.media.count()).isZero();
    }

    @Test
    void each_stored_photo_carries_the_digest_of_its_bytes() {
        byte[] first = h.photoOf(1);
        var draft = ((IntakeOutcome.AwaitingSecondPhoto) h.submit(alice, first)).draft();

        assertThat(h.jobStore.find(draft).orElseThrow().photos().getFirst().photo().digest())
                .contains(TestImages.digestOf(first));
    }

    @Test
    void a_core_cannot_be_started_twice() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> h.core.start())
                .isInstanceOf(IllegalStateException.class);
    }
}
