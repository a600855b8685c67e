package dev.kisscam.core.service.intake;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.out.JobObserver;
import dev.kisscam.core.service.image.PhotoChecker;
import dev.kisscam.core.service.job.Directions;
import dev.kisscam.core.service.job.RequesterLocks;
import dev.kisscam.core.service.media.MediaCleanup;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Turns submitted photos into jobs, drafts or refusals, cheapest step first: the eligibility checks, then
 * each photo is checked and stored, then its people are counted (a paid call), then the photos are paired.
 * Quota is used only when a job is made: a refusal costs the requester nothing (photos refused for what
 * they show count against a separate allowance, since looking at them was paid). The requester's lock is
 * held only for the decision at the end, never across a download or a paid call, so one user's slow photo
 * never keeps anyone else waiting.
 */
public final class IntakeService implements PhotoIntake {
    private static final System.Logger LOG = System.getLogger(IntakeService.class.getName());
    static final int MAX_PHOTOS = 2;

    private final RequesterLocks locks;
    private final Eligibility eligibility;
    private final Directions directions;
    private final PhotoChecker checker;
    private final PeopleCounter counter;
    private final Pairing pairing;
    private final MediaCleanup cleanup;
    private final JobObserver observer;
    private final Clock clock;

    public IntakeService(RequesterLocks locks, Eligibility eligibility, Directions directions, PhotoChecker checker,
            PeopleCounter counter, Pairing pairing, MediaCleanup cleanup, JobObserver observer, Clock clock) {
        this.locks = locks;
        this.eligibility = eligibility;
        this.directions = directions;
        this.checker = checker;
        this.counter = counter;
        this.pairing = pairing;
        this.cleanup = cleanup;
        this.observer = observer;
        this.clock = clock;
    }

    @Override
    public IntakeOutcome submit(Requester requester, List<IncomingPhoto> photos, Direction direction) {
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("an album has at least one photo");
        }
        Instant started = clock.instant();
        try {
            IntakeOutcome outcome = decide(requester, photos, direction);
            LOG.log(Level.DEBUG, () -> requester.id() + ": " + outcome);
            return outcome;
        } finally {
            observer.stage(JobObserver.Stage.INTAKE, Duration.between(started, clock.instant()).abs());
        }
    }

    private IntakeOutcome decide(Requester requester, List<IncomingPhoto> incoming, Direction direction) {
        if (incoming.size() > MAX_PHOTOS) {
            return refused(new Refusal.TooManyPhotos(incoming.size(), MAX_PHOTOS));
        }
        Optional<Refusal> ineligible = directions.refusal(directions.resolved(direction))
                .or(() -> eligibility.refusal(requester));
        if (ineligible.isPresent()) {
            return refused(ineligible.get());
        }
        List<Photo> stored;
        switch (checker.check(incoming)) {
            case PhotoChecker.Accepted accepted -> stored = accepted.photos();
            case PhotoChecker.Refused r -> {
                return refused(r.refusal());
            }
        }
        List<PeopleCount> counts;
        switch (counter.count(requester.id(), stored)) {
            case PeopleCounter.Counts c -> counts = c.counts();
            case PeopleCounter.Unfit unfit -> {
                return discarded(stored, unfit.refusal());
            }
            case PeopleCounter.Unanswered unanswered -> {
                return discarded(stored, unanswered.refusal());
            }
        }
        var checked = new ArrayList<JobPhoto>();
        for (int i = 0; i < stored.size(); i++) {
            checked.add(new JobPhoto(stored.get(i), counts.get(i).boxes()));
        }
        List<Spend> spends = counts.stream().map(PeopleCount::spend).toList();
        boolean complete = checked.size() == 2 || counts.getFirst().people() == 2;
        ReentrantLock lock = locks.of(requester.id());
        lock.lock();
        try {
            Optional<Refusal> conflict = eligibility.conflict(requester);
            if (conflict.isPresent()) {
                return discarded(stored, conflict.get());
            }
            return pairing.pair(requester, checked, spends, complete, direction);
        } finally {
            lock.unlock();
        }
    }

    private IntakeOutcome discarded(List<Photo> stored, Refusal refusal) {
        cleanup.deleteQuietly(stored.stream().map(Photo::key).toList());
        return refused(refusal);
    }

    private static IntakeOutcome refused(Refusal refusal) {
        return new IntakeOutcome.Refused(refusal);
    }
}
