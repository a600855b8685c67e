package dev.kisscam.core.service;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.in.Usage;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.SpendLedger;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.service.control.AccountService;
import dev.kisscam.core.service.control.ControlService;
import dev.kisscam.core.service.image.PhotoChecker;
import dev.kisscam.core.service.intake.DraftExpiry;
import dev.kisscam.core.service.intake.Eligibility;
import dev.kisscam.core.service.intake.IntakeService;
import dev.kisscam.core.service.intake.Pairing;
import dev.kisscam.core.service.intake.PeopleCounter;
import dev.kisscam.core.service.job.Admission;
import dev.kisscam.core.service.job.Charges;
import dev.kisscam.core.service.job.Directions;
import dev.kisscam.core.service.job.Dispatcher;
import dev.kisscam.core.service.job.LocalGenerationSlots;
import dev.kisscam.core.service.job.LocalSpendLedger;
import dev.kisscam.core.service.job.Spending;
import dev.kisscam.core.service.job.JobFailures;
import dev.kisscam.core.service.job.JobRunner;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.Lifecycle;
import dev.kisscam.core.service.job.Notifier;
import dev.kisscam.core.service.job.ProviderPause;
import dev.kisscam.core.service.job.RepeatRule;
import dev.kisscam.core.service.job.RequesterLocks;
import dev.kisscam.core.service.media.MediaCleanup;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

/**
 * The core, assembled from port implementations with plain Java: no container needed. A frontend calls
 * {@link #intake()}, {@link #control()}, {@link #usage()} and {@link #consent()}, hears what became of a
 * submission from intake's answer, and receives the job's later news through the {@link Delivery} it passed in.
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

    private final Lifecycle lifecycle = new Lifecycle();
    private final JobStore jobStore;
    private final Dispatcher dispatcher;
    private final Spending spending;
    private final DraftExpiry drafts;
    private final RepeatRule repeats;
    private final IntakeService intake;
    private final ControlService control;
    private final AccountService account;
    private final Duration sweepInterval;
    private volatile Thread sweeper;

    private Kisscam(Builder b) {
        KisscamSettings settings = b.settings;
        this.jobStore = b.jobStore;
        this.sweepInterval = settings.draftSweepInterval();
        var notifier = new Notifier(b.delivery);
        var locks = new RequesterLocks();
        var cleanup = new MediaCleanup(b.mediaStore);
        var jobs = new Jobs(b.jobStore, b.clock, b.observer);
        var charges = new Charges(b.quota, Optional.ofNullable(b.refusedPhotoQuota), jobs);
        this.spending = new Spending(b.spendLedger, b.observer, jobs, settings.dailySpendLimitTicks(),
                settings.expectedTicksPerJob());
        this.repeats = new RepeatRule(b.earlierVideos, b.mediaStore, cleanup, jobs, settings.repeatWindow());
        var failures = new JobFailures(jobs, cleanup, charges, notifier);
        var providerPause = new ProviderPause();
        var runner = new JobRunner(jobs, b.mediaStore, b.videoGenerator, notifier, repeats, b.observer, spending,
                failures, settings, lifecycle, providerPause);
        var slots = b.generationSlots != null ? b.generationSlots
                : new LocalGenerationSlots(settings.maxConcurrentGenerations());
        this.dispatcher = new Dispatcher(b.jobStore, jobs, slots, runner, notifier, b.observer, lifecycle,
                new Dispatcher.Pace(b.processName, settings.jobLease(), settings.lookForWorkEvery(),
                        settings.positionNoticeInterval()), providerPause);
        var admission = new Admission(dispatcher);
        var directions = new Directions(settings.styles());
        this.drafts = new DraftExpiry(jobs, cleanup, notifier, locks);
        this.intake = new IntakeService(locks, new Eligibility(lifecycle, b.consentStore, jobs, charges, spending),
                directions, new PhotoChecker(b.mediaStore, settings),
                new PeopleCounter(b.peopleDetector, b.mediaStore, spending, charges),
                new Pairing(jobs, admission, charges, repeats, cleanup, settings.draftLifetime(), directions),
                cleanup, b.observer, b.clock);
        this.control = new ControlService(jobs, dispatcher, admission, charges, repeats, directions, b.mediaStore,
                notifier, locks, lifecycle);
        this.account = new AccountService(jobs, b.quota, b.consentStore);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts working: takes back this process's own unfinished jobs, then claims work from the job store as
     * slots allow (see {@link Dispatcher}); and starts sweeping expired drafts and earlier
     * videos past the repeat window.
     *
     * @throws IllegalStateException when this core was started before
     */
    public void start() {
        lifecycle.start();
        dispatcher.start();
        sweepNow();
        sweeper = Thread.ofVirtual().name("kisscam-sweeper").start(this::sweep);
    }

    /**
     * Starts like {@link #start()} but runs no job: this process takes photos, answers and queues jobs, tells
     * their requesters their place, and leaves every job to the other processes that share the job store (a
     * frontend in front of workers). Its own unfinished jobs from before are left to them too.
     *
     * @throws IllegalStateException when this core was started before
     */
    public void startWithoutJobs() {
        lifecycle.start();
        dispatcher.startWithoutClaiming();
        sweepNow();
        sweeper = Thread.ofVirtual().name("kisscam-sweeper").start(this::sweep);
    }

    private void sweep() {
        while (!lifecycle.stopping()) {
            try {
                Thread.sleep(sweepInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                sweepNow();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "sweep failed; trying again later: " + e.getMessage(), e);
            }
        }
    }

    /** Expires due drafts and deletes earlier videos past the repeat window now; also runs periodically. */
    public void sweepNow() {
        expireDueDrafts();
        repeats.releaseExpired();
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
        return account;
    }

    public Consent consent() {
        return account;
    }

    /**
     * Every stored photo and video the core still needs: those of unfinished jobs (a delivering job's video
     * among them) and the videos the repeat rule keeps. A media sweeper must not delete any of them.
     */
    public Set<MediaKey> mediaInUse() {
        var inUse = new HashSet<MediaKey>();
        for (Job job : jobStore.unfinished()) {
            inUse.addAll(job.photoKeys());
            if (job.state() instanceof JobState.Delivering delivering) {
                inUse.add(delivering.video());
            }
        }
        return inUse;
    }

    /** What the provider charged today (UTC), in ticks of 1e-10 USD, as booked in the spend ledger. */
    public long spentToday() {
        return spending.ticksToday();
    }

    /** What the provider charged this month (UTC), in ticks of 1e-10 USD. */
    public long spentThisMonth() {
        return spending.ticksThisMonth();
    }

    /** Whether new jobs are refused now because the daily budget is spent. */
    public boolean budgetReached() {
        return spending.budgetRefusal().isPresent();
    }

    /** Whether the repeat rule keeps this video, or this photo for another take, now. */
    public boolean keepsMedia(MediaKey key) {
        return repeats.keeps(key);
    }

    /** Jobs waiting for a generation slot. */
    public int queueDepth() {
        return dispatcher.waitingCount();
    }

    /** Generations in flight. */
    public int runningGenerations() {
        return dispatcher.runningCount();
    }

    /**
     * Stops taking photos, stops the running jobs where they stand (their persisted state is where the next
     * start resumes them) and waits for them up to {@code grace}.
     */
    public void close(Duration grace) throws InterruptedException {
        if (!lifecycle.beginStop()) {
            return;
        }
        Thread running = sweeper;
        if (running != null) {
            running.interrupt();
        }
        dispatcher.stop(grace);
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
        private Quota refusedPhotoQuota;
        private GenerationSlots generationSlots;
        private SpendLedger spendLedger = new LocalSpendLedger();
        private String processName = "local";
        private PeopleDetector peopleDetector;
        private VideoGenerator videoGenerator;
        private Delivery delivery;
        private EarlierVideos earlierVideos = EarlierVideos.NONE;
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

        /**
         * The generation slots of the provider account; without them, this process alone holds
         * {@code maxConcurrentGenerations} of them. Processes that share one account share the slots.
         */
        public Builder generationSlots(GenerationSlots generationSlots) {
            this.generationSlots = generationSlots;
            return this;
        }

        /**
         * Where the provider's charges are booked, for the daily budget and the operators' numbers; without one
         * they are kept in memory and forgotten on restart.
         */
        public Builder spendLedger(SpendLedger spendLedger) {
            this.spendLedger = spendLedger;
            return this;
        }

        /**
         * This process's name in the job store's leases, unique among the processes sharing the store and the
         * same after a restart, so a restarted process takes back its own jobs at once (default {@code local}).
         */
        public Builder processName(String processName) {
            this.processName = processName;
            return this;
        }

        /**
         * How many photos refused for what they show (each one a paid look) a requester may send per period;
         * without it they are not limited.
         */
        public Builder refusedPhotoQuota(Quota refusedPhotoQuota) {
            this.refusedPhotoQuota = refusedPhotoQuota;
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

        /** Where the repeat rule remembers delivered videos; without one, every photo set makes a new video. */
        public Builder earlierVideos(EarlierVideos earlierVideos) {
            this.earlierVideos = earlierVideos;
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
            Objects.requireNonNull(earlierVideos, "earlierVideos");
            Objects.requireNonNull(spendLedger, "spendLedger");
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(observer, "observer");
            return new Kisscam(this);
        }
    }
}
