package dev.kisscam.core.service;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.Quota;
import dev.kisscam.core.port.out.ProviderFault;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns submitted photos into jobs, drafts or refusals. The cheap checks come first (consent, an active job,
 * quota), then each photo is checked and stored, then its people are counted (a paid call), then the photos
 * are paired. Quota is used only when a job is made: a refusal costs the requester nothing.
 */
final class IntakeService implements PhotoIntake {
    private static final System.Logger LOG = System.getLogger(IntakeService.class.getName());
    static final int MAX_PHOTOS = 2;

    private final Jobs jobs;
    private final PhotoChecker checker;
    private final PeopleDetector detector;
    private final MediaStore media;
    private final Quota quota;
    private final ConsentStore consents;
    private final Admission admission;
    private final Notifier notifier;
    private final JobObserver observer;
    private final KisscamSettings settings;
    private final StripedLocks requesterLocks;

    IntakeService(Jobs jobs, PhotoChecker checker, PeopleDetector detector, MediaStore media, Quota quota,
            ConsentStore consents, Admission admission, Notifier notifier, JobObserver observer,
            KisscamSettings settings, StripedLocks requesterLocks) {
        this.jobs = jobs;
        this.checker = checker;
        this.detector = detector;
        this.media = media;
        this.quota = quota;
        this.consents = consents;
        this.admission = admission;
        this.notifier = notifier;
        this.observer = observer;
        this.settings = settings;
        this.requesterLocks = requesterLocks;
    }

    @Override
    public IntakeOutcome submit(Requester requester, IncomingPhoto photo) {
        return submitAlbum(requester, List.of(photo));
    }

    @Override
    public IntakeOutcome submitAlbum(Requester requester, List<IncomingPhoto> photos) {
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("an album has at least one photo");
        }
        Instant started = jobs.now();
        ReentrantLock lock = requesterLocks.of(requester.id());
        lock.lock();
        try {
            IntakeOutcome outcome = decide(requester, photos);
            LOG.log(Level.DEBUG, () -> requester.id() + ": " + outcome);
            return outcome;
        } finally {
            lock.unlock();
            observer.stage(JobObserver.Stage.INTAKE, Duration.between(started, jobs.now()).abs());
        }
    }

    private IntakeOutcome decide(Requester requester, List<IncomingPhoto> photos) {
        if (admission.closed()) {
            return refused(new Refusal.ServiceUnavailable(FailureCode.SERVICE_BUSY));
        }
        if (photos.size() > MAX_PHOTOS) {
            return refused(new Refusal.TooManyPhotos(photos.size(), MAX_PHOTOS));
        }
        Refusal upfront = upfrontRefusal(requester);
        if (upfront != null) {
            return refused(upfront);
        }
        var stored = new ArrayList<Photo>();
        for (IncomingPhoto incoming : photos) {
            switch (checker.check(incoming)) {
                case PhotoChecker.Accepted a -> stored.add(a.photo());
                case PhotoChecker.Refused r -> {
                    deleteAll(stored);
                    return refused(r.refusal());
                }
            }
        }
        List<PeopleCount> counts;
        try {
            counts = countPeople(stored);
        } catch (PeopleDetectionException e) {
            deleteAll(stored);
            LOG.log(Level.WARNING, requester.id() + ": people detection failed: " + e.getMessage());
            return refused(new Refusal.ServiceUnavailable(e.fault() == ProviderFault.ACCESS_DENIED
                    ? FailureCode.SERVICE_NOT_AVAILABLE : FailureCode.SERVICE_BUSY));
        }
        counts.forEach(c -> spent(c.spend()));
        Refusal peopleRefusal = peopleRefusal(counts);
        if (peopleRefusal != null) {
            deleteAll(stored);
            return refused(peopleRefusal);
        }
        var checked = new ArrayList<JobPhoto>();
        for (int i = 0; i < stored.size(); i++) {
            checked.add(new JobPhoto(stored.get(i), counts.get(i).boxes()));
        }
        List<Spend> spends = counts.stream().map(PeopleCount::spend).toList();
        if (checked.size() == 2 || counts.getFirst().people() == 2) {
            return makeJob(requester, checked, spends);
        }
        return pairOrWait(requester, checked.getFirst(), spends);
    }

    private Refusal upfrontRefusal(Requester requester) {
        if (!consents.hasConsented(requester.id())) {
            return new Refusal.ConsentRequired();
        }
        Optional<Job> active = jobs.activeOf(requester.id());
        if (active.isPresent()) {
            return new Refusal.JobAlreadyActive(active.get().id());
        }
        var status = quota.status(requester.id(), jobs.now());
        if (status.exhausted()) {
            return new Refusal.QuotaExhausted(status.limit(), status.resetsAt());
        }
        return null;
    }

    private List<PeopleCount> countPeople(List<Photo> photos) {
        if (photos.size() == 1) {
            return List.of(detector.detect(photos.getFirst(), media));
        }
        // Two paid calls that each take seconds: run them side by side.
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<PeopleCount>> futures = photos.stream()
                    .map(p -> executor.submit(() -> detector.detect(p, media)))
                    .toList();
            var counts = new ArrayList<PeopleCount>();
            for (Future<PeopleCount> f : futures) {
                counts.add(f.get());
            }
            return counts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PeopleDetectionException pde) {
                throw pde;
            }
            throw new PeopleDetectionException(ProviderFault.INVALID_RESPONSE, "people detection failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeopleDetectionException(ProviderFault.UNAVAILABLE, "interrupted while counting people", e);
        }
    }

    /** What the counts rule out, saying what was seen; null when they make a job or a draft. */
    static Refusal peopleRefusal(List<PeopleCount> counts) {
        if (counts.stream().anyMatch(PeopleCount::anyoneLooksUnderage)) {
            return new Refusal.LooksUnderage();
        }
        if (counts.size() == 1) {
            int people = counts.getFirst().people();
            if (people == 0) {
                return new Refusal.NoPeople();
            }
            return people > 2 ? new Refusal.TooManyPeople(people) : null;
        }
        List<Integer> perPhoto = counts.stream().map(PeopleCount::people).toList();
        return perPhoto.stream().allMatch(n -> n == 1) ? null : new Refusal.NeedOnePersonPerPhoto(perPhoto);
    }

    private IntakeOutcome pairOrWait(Requester requester, JobPhoto photo, List<Spend> spends) {
        Optional<Job> draft = jobs.draftOf(requester.id());
        Instant now = jobs.now();
        if (draft.isPresent() && draft.get().state() instanceof JobState.Draft d && now.isBefore(d.expiresAt())) {
            return completeDraft(requester, draft.get(), photo, spends);
        }
        draft.ifPresent(this::expireSilently);
        Instant expiresAt = now.plus(settings.draftLifetime());
        Job created = jobs.create(requester, List.of(photo), new JobState.Draft(expiresAt), spends);
        LOG.log(Level.INFO, "job " + created.id() + ": draft for " + requester.id() + " waits until " + expiresAt);
        return new IntakeOutcome.AwaitingSecondPhoto(created.id(), expiresAt);
    }

    private IntakeOutcome completeDraft(Requester requester, Job draft, JobPhoto second, List<Spend> spends) {
        if (!quota.tryConsume(requester.id(), jobs.now())) {
            media.delete(second.photo().key());
            var status = quota.status(requester.id(), jobs.now());
            return refused(new Refusal.QuotaExhausted(status.limit(), status.resetsAt()));
        }
        List<JobPhoto> both = List.of(draft.photos().getFirst(), second);
        Optional<Job> job = jobs.transition(draft.id(), d -> {
            Job paired = d.withPhotos(both, new JobState.Queued(), jobs.now());
            for (Spend spend : spends) {
                paired = paired.withSpend(spend);
            }
            return paired;
        });
        if (job.isEmpty()) {
            // The draft expired or was cancelled a moment ago: the new photo starts a draft of its own.
            return pairOrWait(requester, second, spends);
        }
        return admission.admit(job.get(), false);
    }

    private IntakeOutcome makeJob(Requester requester, List<JobPhoto> photos, List<Spend> spends) {
        if (!quota.tryConsume(requester.id(), jobs.now())) {
            deleteAll(photos.stream().map(JobPhoto::photo).toList());
            var status = quota.status(requester.id(), jobs.now());
            return refused(new Refusal.QuotaExhausted(status.limit(), status.resetsAt()));
        }
        boolean replacedDraft = false;
        Optional<Job> draft = jobs.draftOf(requester.id());
        if (draft.isPresent()) {
            replacedDraft = jobs.finish(draft.get().id(), new JobState.Cancelled(),
                    (before, after) -> after.photoKeys().forEach(media::delete)).isPresent();
        }
        Job job = jobs.create(requester, photos, new JobState.Queued(), spends);
        return admission.admit(job, replacedDraft);
    }

    private void expireSilently(Job draft) {
        jobs.finish(draft.id(), new JobState.Expired(), (before, after) -> after.photoKeys().forEach(media::delete));
    }

    private void deleteAll(List<Photo> photos) {
        photos.forEach(p -> media.delete(p.key()));
    }

    private void spent(Spend spend) {
        if (spend.usdTicks() > 0) {
            observer.spent(spend);
        }
    }

    private static IntakeOutcome refused(Refusal refusal) {
        return new IntakeOutcome.Refused(refusal);
    }
}
