package dev.kisscam.core.service;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.in.Usage;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.VideoGenerator;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The core, assembled from port implementations with plain Java: no container needed. A frontend calls
 * {@link #intake()}, {@link #control()}, {@link #usage()} and {@link #consent()}, and receives news through
 * the {@link Delivery} it passed in.
 *
 * <pre>{@code
 * Kisscam kisscam = Kisscam.builder()
 *         .mediaStore(media).jobStore(jobs).consentStore(consents).quota(quota)
 *         .peopleDetector(detector).videoGenerator(generator).delivery(frontend)
 *         .build();
 * kisscam.start();   // resumes unfinished jobs
 * ...
 * kisscam.close();   // running jobs keep their persisted state and resume on the next start
 * }</pre>
 */
public final class Kisscam implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Kisscam.class.getName());

    private final Jobs jobs;
    private final JobStore jobStore;
    private final GenerationQueue queue;
    private final Admission admission;
    private final JobRunner runner;
    private final DraftExpiry drafts;
    private final IntakeService intake;
    private final ControlService control;
    private final KisscamSettings settings;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Thread draftSweeper;

    private Kisscam(Builder b) {
        this.settings = b.settings;
        this.jobStore = b.jobStore;
        var notifier = new Notifier(b.delivery);
        var requesterLocks = new StripedLocks();
        this.jobs = new Jobs(b.jobStore, b.clock, b.observer);
        this.runner = new JobRunner(jobs, b.mediaStore, b.videoGenerator, notifier, b.observer, settings, closing::get);
        this.queue = new GenerationQueue(settings.maxConcurrentGenerations(), settings.positionNoticeInterval(),
                b.clock, runner, notifier, b.observer);
        this.admission = new Admission(queue, notifier, closing);
        this.drafts = new DraftExpiry(jobs, b.mediaStore, notifier, requesterLocks);
        this.intake = new IntakeService(jobs, new PhotoChecker(b.mediaStore, settings), b.peopleDetector,
                b.mediaStore, b.quota, b.consentStore, admission, notifier, b.observer, settings, requesterLocks);
        this.control = new ControlService(jobs, queue, admission, b.mediaStore, b.quota, b.consentStore, notifier,
                requesterLocks);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Resumes what the job store holds: jobs the provider already has are polled again (never submitted
     * again), queued jobs queue again in their original order, a job caught mid-submission fails (it may
     * or may not have reached the provider, and submitting twice could pay twice), drafts wait on.
     */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalArgumentException("this core has already been started");
        }
        List<Job> unfinished = jobStore.unfinished();
        unfinished.forEach(jobs::adopt);
        int resumed = 0;
        int requeued = 0;
        for (Job job : unfinished) {
            if (job.state() instanceof JobState.Generating || job.state() instanceof JobState.Delivering) {
                admission.resume(job);
                resumed++;
            }
        }
        for (Job job : unfinished) {
            switch (job.state()) {
                case JobState.Queued q -> {
                    admission.resume(job);
                    requeued++;
                }
                case JobState.Submitting s -> runner.fail(job.id(), new Failure(FailureCode.INTERRUPTED,
                        "the program stopped while submitting; not submitted again to avoid paying twice"), null);
                case JobState.Draft d -> { }
                case JobState.Generating g -> { }
                case JobState.Delivering d -> { }
                case JobState.Done d -> { }
                case JobState.Failed f -> { }
                case JobState.Cancelled c -> { }
                case JobState.Expired e -> { }
            }
        }
        expireDueDrafts();
        LOG.log(Level.INFO, "started: " + resumed + " jobs resumed at the provider, " + requeued + " queued again");
        draftSweeper = Thread.ofVirtual().name("draft-sweeper").start(this::sweepDrafts);
    }

    private void sweepDrafts() {
        while (!closing.get()) {
            try {
                Thread.sleep(settings.draftSweepInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                expireDueDrafts();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "draft sweep failed; trying again later: " + e.getMessage(), e);
            }
        }
    }

    /** Expires due drafts now; also runs periodically after {@link #start()}. Returns how many expired. */
    public int expireDueDrafts() {
        return drafts.expireDue();
    }

    public PhotoIntake intake() {
        return intake;
    }

    public JobControl control() {
        return control;
    }

    public Usage usage() {
        return control;
    }

    public Consent consent() {
        return control;
    }

    /** Jobs waiting for a generation slot. */
    public int queueDepth() {
        return queue.waitingCount();
    }

    /** Generations in flight. */
    public int runningGenerations() {
        return queue.runningCount();
    }

    /**
     * Stops taking photos, stops the running jobs where they stand (their persisted state is where the next
     * start resumes them) and waits for them up to {@code grace}.
     */
    public void close(Duration grace) throws InterruptedException {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        Thread sweeper = draftSweeper;
        if (sweeper != null) {
            sweeper.interrupt();
        }
        queue.close(grace);
        LOG.log(Level.INFO, "stopped");
    }

    @Override
    public void close() {
        try {
            close(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private MediaStore mediaStore;
        private JobStore jobStore;
        private ConsentStore consentStore;
        private Quota quota;
        private PeopleDetector peopleDetector;
        private VideoGenerator videoGenerator;
        private Delivery delivery;
        private KisscamSettings settings = KisscamSettings.defaults();
        private Clock clock = Clock.systemUTC();
        private JobObserver observer = JobObserver.NONE;

        private Builder() {
        }

        public Builder mediaStore(MediaStore mediaStore) {
            this.mediaStore = mediaStore;
            return this;
        }

        public Builder jobStore(JobStore jobStore) {
            this.jobStore = jobStore;
            return this;
        }

        public Builder consentStore(ConsentStore consentStore) {
            this.consentStore = consentStore;
            return this;
        }

        public Builder quota(Quota quota) {
            this.quota = quota;
            return this;
        }

        public Builder peopleDetector(PeopleDetector peopleDetector) {
            this.peopleDetector = peopleDetector;
            return this;
        }

        public Builder videoGenerator(VideoGenerator videoGenerator) {
            this.videoGenerator = videoGenerator;
            return this;
        }

        public Builder delivery(Delivery delivery) {
            this.delivery = delivery;
            return this;
        }

        public Builder settings(KisscamSettings settings) {
            this.settings = settings;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder observer(JobObserver observer) {
            this.observer = observer;
            return this;
        }

        public Kisscam build() {
            Objects.requireNonNull(mediaStore, "mediaStore");
            Objects.requireNonNull(jobStore, "jobStore");
            Objects.requireNonNull(consentStore, "consentStore");
            Objects.requireNonNull(quota, "quota");
            Objects.requireNonNull(peopleDetector, "peopleDetector");
            Objects.requireNonNull(videoGenerator, "videoGenerator");
            Objects.requireNonNull(delivery, "delivery");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(observer, "observer");
            return new Kisscam(this);
        }
    }
}
