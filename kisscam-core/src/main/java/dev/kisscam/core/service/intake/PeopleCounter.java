package dev.kisscam.core.service.intake;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.service.job.Charges;
import dev.kisscam.core.service.job.Spending;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Asks the detector about each stored photo (two photos side by side: each is a paid call of seconds) and
 * turns what it saw, or why it could not see, into counts or a refusal. One photo and two photos fail the
 * same way: a detector that cannot answer makes the service busy (or unavailable, when it refuses us), a
 * media store that cannot be read is a storage failure.
 */
public final class PeopleCounter {
    private static final System.Logger LOG = System.getLogger(PeopleCounter.class.getName());

    public sealed interface Counted {
    }

    public record Counts(List<PeopleCount> counts) implements Counted {
        public Counts {
            counts = List.copyOf(counts);
        }
    }

    /** The detector looked (and was paid) and saw what rules the photos out. */
    public record Unfit(Refusal refusal) implements Counted {
    }

    /** The detector or the store could not answer; nothing was seen. */
    public record Unanswered(Refusal refusal) implements Counted {
    }

    private final PeopleDetector detector;
    private final MediaStore media;
    private final Spending spending;
    private final Charges charges;

    public PeopleCounter(PeopleDetector detector, MediaStore media, Spending spending, Charges charges) {
        this.detector = detector;
        this.media = media;
        this.spending = spending;
        this.charges = charges;
    }

    public Counted count(RequesterId requester, List<Photo> photos) {
        List<PeopleCount> counts;
        try {
            counts = detectAll(photos);
        } catch (PeopleDetectionException e) {
            LOG.log(Level.WARNING, requester + ": people detection failed: " + e.getMessage());
            return new Unanswered(new Refusal.ServiceUnavailable(e.fault() == ProviderFault.ACCESS_DENIED
                    ? FailureCode.SERVICE_NOT_AVAILABLE : FailureCode.SERVICE_BUSY));
        } catch (MediaStoreException e) {
            LOG.log(Level.ERROR, requester + ": a stored photo could not be read for detection: " + e.getMessage());
            return new Unanswered(new Refusal.ServiceUnavailable(FailureCode.STORAGE_FAILED));
        }
        counts.forEach(c -> spending.record(c.spend()));
        Refusal refusal = refusal(counts);
        if (refusal == null) {
            return new Counts(counts);
        }
        // Looking was paid: these photos count against the requester's allowance for refused ones.
        charges.refusedPhotos(requester, photos.size());
        return new Unfit(refusal);
    }

    private List<PeopleCount> detectAll(List<Photo> photos) {
        if (photos.size() == 1) {
            return List.of(detector.detect(photos.getFirst(), media));
        }
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
            // The same exceptions as the one-photo call, so both paths end the same way.
            switch (e.getCause()) {
                case PeopleDetectionException pde -> throw pde;
                case MediaStoreException mse -> throw mse;
                case null, default -> throw new PeopleDetectionException(ProviderFault.INVALID_RESPONSE,
                        "people detection failed: " + e.getCause(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeopleDetectionException(ProviderFault.UNAVAILABLE, "interrupted while counting people", e);
        }
    }

    /** What the counts rule out, saying what was seen; null when they make a job or a draft. */
    static Refusal refusal(List<PeopleCount> counts) {
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
}
