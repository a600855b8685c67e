package dev.kisscam.core.service;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryConsentStore;
import dev.kisscam.core.testing.InMemoryEarlierVideos;
import dev.kisscam.core.testing.InMemoryJobStore;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.MutableClock;
import dev.kisscam.core.testing.RecordingDelivery;
import dev.kisscam.core.testing.RecordingObserver;
import dev.kisscam.core.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** One core over in-memory fakes of every out-port, and helpers to talk to it. */
final class Harness {
    static final Duration WAIT = Duration.ofSeconds(10);

    final InMemoryMediaStore media;
    final InMemoryJobStore jobStore;
    final InMemoryConsentStore consents;
    final MutableClock clock;
    final InMemoryEarlierVideos earlierVideos;
    InMemoryQuota quota = new InMemoryQuota(10, Duration.ofHours(1));
    FakePeopleDetector detector = new FakePeopleDetector();
    FakeVideoGenerator generator = new FakeVideoGenerator();
    RecordingDelivery delivery = new RecordingDelivery();
    RecordingObserver observer = new RecordingObserver();
    /** The repeat rule is off unless a test turns it on: most tests look at one job's own media. */
    KisscamSettings settings = KisscamSettings.defaults().withPositionNoticeInterval(Duration.ZERO)
            .withRepeatWindow(Duration.ZERO).withDeliveryRetries(Duration.ofMillis(20), Duration.ofHours(24))
            .withWorkSharing(Duration.ofSeconds(30), Duration.ofMillis(50));
    /** This process's name in the store's leases. */
    String processName = "local";
    /** The provider account's slots; processes that share them share the limit. */
    dev.kisscam.core.port.out.GenerationSlots slots;
    /** The allowance for refused photos; none unless a test sets one. */
    InMemoryQuota refusedPhotos;
    /** False for a process that only takes photos and leaves the jobs to others. */
    boolean runsJobs = true;
    Kisscam core;
    private final AtomicInteger seeds;

    Harness() {
        this(new InMemoryMediaStore(), new InMemoryJobStore(), new InMemoryConsentStore(),
                MutableClock.startingAt("2026-11-26T10:00:00Z"), new InMemoryEarlierVideos(100), new AtomicInteger());
    }

    private Harness(InMemoryMediaStore media, InMemoryJobStore jobStore, InMemoryConsentStore consents,
            MutableClock clock, InMemoryEarlierVideos earlierVideos, AtomicInteger seeds) {
        this.media = media;
        this.jobStore = jobStore;
        this.consents = consents;
        this.clock = clock;
        this.earlierVideos = earlierVideos;
        this.seeds = seeds;
    }

    /**
     * Another process working beside this one over the same stores, clock and generation slots; what both
     * tell requesters and operators is recorded together.
     */
    Harness besideAs(String name) {
        var other = new Harness(media, jobStore, consents, clock, earlierVideos, seeds);
        other.delivery = delivery;
        other.observer = observer;
        other.detector = detector;
        other.settings = settings;
        other.quota = quota;
        other.processName = name;
        other.slots = slots;
        return other;
    }

    /** A second program over the same stores and clock, as after a restart; its fakes are new. */
    Harness restarted() {
        var next = new Harness(media, jobStore, consents, clock, earlierVideos, seeds);
        next.detector = detector;
        next.settings = settings;
        next.quota = quota;
        next.refusedPhotos = refusedPhotos;
        return next;
    }

    Harness start() {
        var builder = Kisscam.builder();
        if (refusedPhotos != null) {
            builder.refusedPhotoQuota(refusedPhotos);
        }
        if (slots != null) {
            builder.generationSlots(slots);
        }
        builder.processName(processName);
        core = builder
                .mediaStore(media).jobStore(jobStore).consentStore(consents).quota(quota)
                .peopleDetector(detector).videoGenerator(generator).delivery(delivery)
                .earlierVideos(earlierVideos).settings(settings).clock(clock).observer(observer)
                .build();
        if (runsJobs) {
            core.start();
        } else {
            core.startWithoutJobs();
        }
        return this;
    }

    Requester requester(String name) {
        var requester = new Requester(new RequesterId("test:" + name), "chat-" + name, Locale.ENGLISH);
        consents.recordConsent(requester.id(), clock.instant());
        return requester;
    }

    /** A distinct real JPEG that the detector will say shows {@code people} people. */
    byte[] photoOf(int people) {
        byte[] jpeg = TestImages.jpeg(640, 480, seeds.incrementAndGet());
        detector.sees(jpeg, people);
        return jpeg;
    }

    /** Waits until the job has finished and returns its last version. */
    Job awaitFinished(JobId job) throws InterruptedException {
        return observer.awaitFinished(job, WAIT);
    }

    IntakeOutcome submit(Requester requester, byte[] photo) {
        return core.intake().submit(requester, IncomingPhoto.of(photo));
    }

    IntakeOutcome submitAlbum(Requester requester, byte[]... photos) {
        return core.intake().submitAlbum(requester, List.of(photos).stream().map(IncomingPhoto::of).toList());
    }

    void close() throws InterruptedException {
        generator.releasePolls();
        if (core != null) {
            core.close(Duration.ofSeconds(5));
        }
    }
}
