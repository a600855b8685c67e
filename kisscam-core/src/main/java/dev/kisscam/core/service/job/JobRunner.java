package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import dev.kisscam.core.service.KisscamSettings;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Runs one job to its end on its (virtual) thread: submit, persist the ticket, poll until the provider
 * finishes, then the {@link Handover} stores and delivers the video. It picks up wherever the saved state
 * says, so a restarted program resumes a job the same way; a job holding a ticket is only ever polled, and
 * polled at least once however long the program was away. A cancelled job stops at its next step; a
 * shutdown leaves the state as saved. Whatever goes wrong, the job ends cleanly and its requester can go on.
 */
public final class JobRunner implements Dispatcher.Worker {
    private static final System.Logger LOG = System.getLogger(JobRunner.class.getName());
    /** However often polls fail, the provider is asked again at least this often until the deadline. */
    static final Duration LONGEST_POLL_PAUSE = Duration.ofSeconds(30);
    /** The pause after a 429 that named none. */
    static final Duration DEFAULT_RATE_PAUSE = Duration.ofSeconds(5);

    private final Jobs jobs;
    private final MediaStore media;
    private final VideoGenerator generator;
    private final Notifier notifier;
    private final JobObserver observer;
    private final Spending spending;
    private final JobFailures failures;
    private final Handover handover;
    private final int maxResubmissions;
    private final Lifecycle lifecycle;
    private final ProviderPause providerPause;

    public JobRunner(Jobs jobs, MediaStore media, VideoGenerator generator, Notifier notifier, RepeatRule repeats,
            JobObserver observer, Spending spending, JobFailures failures, KisscamSettings settings,
            Lifecycle lifecycle, ProviderPause providerPause) {
        this.providerPause = providerPause;
        this.jobs = jobs;
        this.media = media;
        this.generator = generator;
        this.notifier = notifier;
        this.observer = observer;
        this.spending = spending;
        this.failures = failures;
        this.handover = new Handover(jobs, media, generator, notifier, repeats, observer, failures, settings,
                lifecycle);
        this.maxResubmissions = settings.maxResubmissions();
        this.lifecycle = lifecycle;
    }

    @Override
    public void run(JobId id, GenerationSlots.Slot slot) {
        Optional<Job> found = jobs.current(id);
        if (found.isEmpty()) {
            return; // cancelled while it waited
        }
        Job job = found.get();
        try {
            switch (job.state()) {
                case JobState.Queued q -> submit(job, 1, slot);
                case JobState.Generating g -> follow(job, g, true, slot);
                case JobState.Delivering d -> {
                    slot.release();
                    handover.deliver(job);
                }
                case JobState.Draft d -> LOG.log(Level.ERROR, "job " + id + ": a draft was queued");
                case JobState.Submitting s -> LOG.log(Level.ERROR, "job " + id + ": a submitting job was queued");
                case JobState.Done d -> { }
                case JobState.Failed f -> { }
                case JobState.Cancelled c -> { }
                case JobState.Expired e -> { }
            }
        } catch (JobStoreException e) {
            LOG.log(Level.ERROR, "job " + id + ": the job store failed; the job resumes from its last saved state"
                    + " after a restart: " + e.getMessage(), e);
            if (!lifecycle.leavingJob()) {
                notifier.failed(job, new Failure(FailureCode.STORAGE_FAILED, e.getMessage()));
            }
        } catch (Throwable e) {
            // Out of memory or a bug: this job ends, the program and every other job go on.
            LOG.log(Level.ERROR, "job " + id + ": unexpected failure", e);
            if (!lifecycle.leavingJob()) {
                failures.fail(id, new Failure(FailureCode.INTERNAL_ERROR, String.valueOf(e)));
            }
        }
    }

    /** Fails a job found mid-submission after its process stopped: it is not submitted again, lest it pay twice. */
    @Override
    public void interrupted(JobId id) {
        failures.fail(id, new Failure(FailureCode.INTERRUPTED,
                "the program stopped while submitting; not submitted again to avoid paying twice"));
    }

    private void submit(Job job, int attempt, GenerationSlots.Slot slot) {
        JobId id = job.id();
        Optional<Job> submitting = jobs.moveTo(id, new JobState.Submitting(attempt));
        if (submitting.isEmpty()) {
            return;
        }
        GenerationTicket ticket;
        try {
            Job now = submitting.get();
            ticket = generator.submit(new GenerationRequest(id, now.requester().id(), now.photos(), now.direction()),
                    media);
        } catch (VideoGenerationException e) {
            if (e.fault() == ProviderFault.RATE_LIMITED && !lifecycle.leavingJob()) {
                backOff(job, e);
            } else if (!lifecycle.leavingJob()) {
                LOG.log(Level.WARNING, "job " + id + ": submission " + attempt + " failed: " + e.getMessage());
                failures.fail(id, new Failure(codeFor(e.fault()), e.getMessage()));
            }
            return;
        } catch (MediaStoreException e) {
            if (!lifecycle.leavingJob()) {
                failures.fail(id, new Failure(FailureCode.STORAGE_FAILED, e.getMessage()));
            }
            return;
        }
        LOG.log(Level.INFO, "job " + id + ": submitted (attempt " + attempt + "), ticket " + ticket);
        notifier.progress(job, 0);
        var generating = new JobState.Generating(ticket, attempt, jobs.now());
        Optional<Job> moved = jobs.moveTo(id, generating);
        if (moved.isEmpty()) {
            LOG.log(Level.INFO, "job " + id + ": cancelled during submission; ticket " + ticket + " abandoned");
            return;
        }
        follow(moved.get(), generating, false, slot);
    }

    /**
     * A 429 on a submission is back-pressure: the job goes back to the head of the queue (its place is its
     * sequence), its requester keeps seeing it queued, and no submission starts before the provider's pause.
     * It fails only once it has waited longer than a generation may take in all.
     */
    private void backOff(Job job, VideoGenerationException e) {
        Duration pause = e.retryAfter().filter(Duration::isPositive).orElse(DEFAULT_RATE_PAUSE);
        // One reading of the clock for the whole decision: a clock that moved between two readings could judge
        // the job young enough to wait and then pause every submission from a later moment than that judgement.
        Instant now = jobs.now();
        Duration waited = Duration.between(job.createdAt(), now);
        Duration timeout = generator.pollingPolicy().timeout();
        if (waited.compareTo(timeout) >= 0) {
            failures.fail(job.id(), new Failure(FailureCode.SERVICE_BUSY,
                    "the provider's rate limit held the job for longer than " + timeout + ": " + e.getMessage()));
            return;
        }
        providerPause.pauseUntil(now.plus(pause));
        LOG.log(Level.INFO, "job " + job.id() + ": the provider is at its rate limit; back in the queue for " + pause);
        jobs.moveTo(job.id(), new JobState.Queued());
    }

    /**
     * Polls until the provider answers for good or the deadline passes. A fresh submission is first polled
     * one interval later; a resumed one at once, and always at least once, so a video the provider finished
     * while the program was away is never thrown away by the deadline. A failing poll (whatever the fault)
     * is tried again, with a growing pause, until the deadline: the generation is paid for.
     */
    private void follow(Job job, JobState.Generating generating, boolean resumed, GenerationSlots.Slot slot) {
        JobId id = job.id();
        PollingPolicy policy = generator.pollingPolicy();
        Instant deadline = generating.submittedAt().plus(policy.timeout());
        int toldProgress = resumed ? -1 : 0;
        int failedPolls = 0;
        ProviderFault lastFault = null;
        if (!resumed && !pause(policy.interval())) {
            return;
        }
        while (!Thread.currentThread().isInterrupted() && jobs.current(id).isPresent()) {
            GenerationStatus status;
            try {
                status = generator.poll(generating.ticket());
                failedPolls = 0;
            } catch (VideoGenerationException e) {
                if (lifecycle.leavingJob()) {
                    return;
                }
                failedPolls++;
                lastFault = e.fault();
                if (!jobs.now().isBefore(deadline)) {
                    failures.fail(id, deadlineFailure(policy, lastFault, e));
                    return;
                }
                Duration pause = pollPause(policy.interval(), failedPolls);
                LOG.log(Level.WARNING, "job " + id + ": poll failed (" + e.fault() + "), trying again in " + pause
                        + ": " + e.getMessage());
                if (!pause(pause)) {
                    return;
                }
                continue;
            }
            switch (status) {
                case GenerationStatus.Pending p -> {
                    if (p.progress() > toldProgress) {
                        toldProgress = p.progress();
                        notifier.progress(job, p.progress());
                    }
                    if (!jobs.now().isBefore(deadline)) {
                        failures.fail(id, new Failure(FailureCode.GENERATION_TIMED_OUT,
                                "no result within " + policy.timeout()));
                        return;
                    }
                    if (!pause(policy.interval())) {
                        return;
                    }
                }
                case GenerationStatus.Ready r -> {
                    spent(r.spend());
                    observer.stage(JobObserver.Stage.GENERATION, Duration.between(generating.submittedAt(), jobs.now()).abs());
                    handover.storeAndDeliver(job, r, slot);
                    return;
                }
                case GenerationStatus.Blocked b -> {
                    spent(b.spend());
                    failures.fail(id, new Failure(FailureCode.MODERATION_BLOCKED, b.detail()), b.spend());
                    return;
                }
                case GenerationStatus.Failed f -> {
                    spent(f.spend());
                    retryOrFail(job, generating, f, slot);
                    return;
                }
            }
        }
    }

    private static Failure deadlineFailure(PollingPolicy policy, ProviderFault lastFault, VideoGenerationException e) {
        return lastFault == ProviderFault.ACCESS_DENIED
                ? new Failure(FailureCode.SERVICE_NOT_AVAILABLE, "polls refused until the deadline: " + e.getMessage())
                : new Failure(FailureCode.GENERATION_TIMED_OUT, "no result within " + policy.timeout()
                        + "; the last poll failed: " + e.getMessage());
    }

    /** The interval, doubled for each poll that failed in a row, at most {@link #LONGEST_POLL_PAUSE}. */
    static Duration pollPause(Duration interval, int failedPolls) {
        Duration longest = interval.compareTo(LONGEST_POLL_PAUSE) > 0 ? interval : LONGEST_POLL_PAUSE;
        Duration pause = interval.isZero() ? Duration.ofMillis(10) : interval;
        for (int i = 1; i < failedPolls && pause.compareTo(longest) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(longest) > 0 ? longest : pause;
    }

    /** Only the provider's own verdict that a generation failed transiently earns a new (paid) submission. */
    private void retryOrFail(Job job, JobState.Generating generating, GenerationStatus.Failed failed,
            GenerationSlots.Slot slot) {
        String detail = failed.code() + ": " + failed.message();
        if (failed.transientFailure() && generating.attempt() <= maxResubmissions) {
            LOG.log(Level.WARNING, "job " + job.id() + ": the provider failed transiently (" + detail + "); submitting again");
            Optional<Job> withSpend = jobs.transition(job.id(), j -> j.withSpend(failed.spend()));
            withSpend.ifPresent(j -> submit(j, generating.attempt() + 1, slot));
            return;
        }
        var code = failed.expired() ? FailureCode.GENERATION_EXPIRED : FailureCode.GENERATION_FAILED;
        failures.fail(job.id(), new Failure(code, detail), failed.spend());
    }

    private void spent(Spend spend) {
        spending.record(spend);
    }

    private static FailureCode codeFor(ProviderFault fault) {
        return switch (fault) {
            case UNAVAILABLE, RATE_LIMITED -> FailureCode.SERVICE_BUSY;
            case ACCESS_DENIED -> FailureCode.SERVICE_NOT_AVAILABLE;
            case SUBMISSION_UNCONFIRMED -> FailureCode.SUBMISSION_UNCONFIRMED;
            case INVALID_RESPONSE, REJECTED_INPUT -> FailureCode.GENERATION_FAILED;
        };
    }

    /** Waits between polls; false when interrupted (cancel or shutdown), with the interrupt kept. */
    private static boolean pause(Duration interval) {
        try {
            Thread.sleep(interval);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
