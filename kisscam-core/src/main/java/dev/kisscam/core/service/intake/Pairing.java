package dev.kisscam.core.service.intake;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.service.job.Directions;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.service.job.Admission;
import dev.kisscam.core.service.job.Charges;
import dev.kisscam.core.service.job.Jobs;
import dev.kisscam.core.service.job.RepeatRule;
import dev.kisscam.core.service.media.MediaCleanup;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns photos that passed every check into a job or a draft. Two people in one photo, or an album of two
 * one-person photos, make a job at once; one person waits as a draft for a second such photo, which then
 * completes it. A job is free when the repeat rule answers it with an earlier video, else it costs quota.
 */
public final class Pairing {
    private static final System.Logger LOG = System.getLogger(Pairing.class.getName());

    private final Jobs jobs;
    private final Admission admission;
    private final Charges charges;
    private final RepeatRule repeats;
    private final MediaCleanup cleanup;
    private final Duration draftLifetime;
    private final Directions directions;

    public Pairing(Jobs jobs, Admission admission, Charges charges, RepeatRule repeats, MediaCleanup cleanup,
            Duration draftLifetime, Directions directions) {
        this.directions = directions;
        this.jobs = jobs;
        this.admission = admission;
        this.charges = charges;
        this.repeats = repeats;
        this.cleanup = cleanup;
        this.draftLifetime = draftLifetime;
    }

    /** {@code complete}: the photos make a job by themselves (two photos, or two people in one). */
    public IntakeOutcome pair(Requester requester, List<JobPhoto> photos, List<Spend> spends, boolean complete,
            Direction direction) {
        return complete ? newJob(requester, photos, spends, direction)
                : pairOrWait(requester, photos.getFirst(), spends, direction);
    }

    /** How a job starts: free from an earlier video, charged to the quota and queued, or not at all. */
    private sealed interface Start {
    }

    private record Begin(JobState state) implements Start {
    }

    private record NoQuota(Refusal refusal) implements Start {
    }

    private IntakeOutcome newJob(Requester requester, List<JobPhoto> photos, List<Spend> spends, Direction direction) {
        JobState start;
        switch (start(requester, photos)) {
            case Begin begin -> start = begin.state();
            case NoQuota none -> {
                return refused(none, photos);
            }
        }
        Optional<Job> draft = jobs.draftOf(requester.id());
        boolean replacedDraft = draft.isPresent() && jobs.finish(draft.get().id(), new JobState.Cancelled(),
                (before, after) -> cleanup.deleteQuietly(after.photoKeys())).isPresent();
        Job job;
        try {
            job = jobs.create(requester, photos, start, spends, directions.resolved(direction));
        } catch (JobStore.RequesterBusy busy) {
            undo(requester, start);
            return busyElsewhere(requester, photos);
        }
        return admission.admit(job, replacedDraft);
    }

    private IntakeOutcome pairOrWait(Requester requester, JobPhoto photo, List<Spend> spends, Direction direction) {
        Optional<Job> draft = jobs.draftOf(requester.id());
        Instant now = jobs.now();
        if (draft.isPresent() && draft.get().state() instanceof JobState.Draft d && now.isBefore(d.expiresAt())) {
            return completeDraft(requester, draft.get(), photo, spends, direction);
        }
        draft.ifPresent(this::expireSilently);
        Instant expiresAt = now.plus(draftLifetime);
        Job created;
        try {
            created = jobs.create(requester, List.of(photo), new JobState.Draft(expiresAt), spends, directions.resolved(direction));
        } catch (JobStore.RequesterBusy busy) {
            // Another process saved a draft of theirs a moment ago: this photo completes it.
            Optional<Job> theirs = jobs.draftOf(requester.id());
            return theirs.isPresent() ? completeDraft(requester, theirs.get(), photo, spends, direction)
                    : busyElsewhere(requester, List.of(photo));
        }
        LOG.log(Level.INFO, "job " + created.id() + ": draft for " + requester.id() + " waits until " + expiresAt);
        return new IntakeOutcome.AwaitingSecondPhoto(created.id(), expiresAt);
    }

    /**
     * The second photo completes the draft; its direction wins when it says something (a wish, or a style
     * other than the default), else the first photo's stands.
     */
    private IntakeOutcome completeDraft(Requester requester, Job draft, JobPhoto second, List<Spend> spends,
            Direction direction) {
        Direction chosen = direction.saysAnything() ? directions.resolved(direction) : draft.direction();
        List<JobPhoto> both = List.of(draft.photos().getFirst(), second);
        JobState start;
        switch (start(requester, both)) {
            case Begin begin -> start = begin.state();
            case NoQuota none -> {
                return refused(none, List.of(second));
            }
        }
        Optional<Job> job;
        try {
            job = jobs.transition(draft.id(), d -> {
                Job paired = d.withPhotos(both, start, jobs.now()).withDirection(chosen, jobs.now());
                for (Spend spend : spends) {
                    paired = paired.withSpend(spend);
                }
                return paired;
            });
        } catch (JobStore.RequesterBusy busy) {
            undo(requester, start);
            return busyElsewhere(requester, List.of(second));
        }
        if (job.isEmpty()) {
            // The draft expired or was cancelled a moment ago: the new photo starts a draft of its own.
            undo(requester, start);
            return pairOrWait(requester, second, spends, direction);
        }
        return admission.admit(job.get(), false);
    }

    /** Takes back what {@link #start} gave a job that was not made after all. */
    private void undo(Requester requester, JobState start) {
        switch (start) {
            case JobState.Delivering copy -> cleanup.deleteQuietly(copy.video());
            case JobState.Queued queued -> charges.refundVideo(requester.id());
            default -> throw new IllegalArgumentException("a job does not start as " + start);
        }
    }

    /**
     * Another process made a job of this requester's a moment ago (the store refused a second one): these
     * photos go, and the requester hears that a video is in progress.
     */
    private IntakeOutcome busyElsewhere(Requester requester, List<JobPhoto> photos) {
        cleanup.deleteQuietly(photos.stream().map(p -> p.photo().key()).toList());
        Refusal refusal = jobs.activeOf(requester.id()).<Refusal>map(job -> new Refusal.JobAlreadyActive(job.id()))
                .orElse(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        return new IntakeOutcome.Refused(refusal);
    }

    /** The earlier video of these photos when the repeat rule has one, else a place in the queue if quota is left. */
    private Start start(Requester requester, List<JobPhoto> photos) {
        Optional<JobState.Delivering> earlier = repeats.earlierVideo(requester.id(), photos);
        if (earlier.isPresent()) {
            LOG.log(Level.INFO, requester.id() + " sent these photos before; sending the earlier video again");
            return new Begin(earlier.get());
        }
        Optional<Refusal> noQuota = charges.chargeVideo(requester.id());
        return noQuota.<Start>map(NoQuota::new).orElseGet(() -> new Begin(new JobState.Queued()));
    }

    /** The photos that came with this call go; a draft's photo stays with its draft. */
    private IntakeOutcome refused(NoQuota none, List<JobPhoto> photos) {
        cleanup.deleteQuietly(photos.stream().map(p -> p.photo().key()).toList());
        return new IntakeOutcome.Refused(none.refusal());
    }

    private void expireSilently(Job draft) {
        jobs.finish(draft.id(), new JobState.Expired(), (before, after) -> cleanup.deleteQuietly(after.photoKeys()));
    }
}
