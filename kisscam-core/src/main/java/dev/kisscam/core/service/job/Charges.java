package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.QuotaStatus;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.Quota;
import java.util.Optional;

/**
 * What a requester is charged: a video of their quota for each job, given back when the job ends without a
 * video through no fault of theirs; and, on a separate and more generous allowance, each photo refused for
 * what it showed, since looking at it was paid too. The one place a quota refusal is made.
 */
public final class Charges {
    private final Quota videos;
    private final Optional<Quota> refusedPhotos;
    private final Jobs jobs;

    /** @param refusedPhotos the allowance for refused photos; empty when they are not limited */
    public Charges(Quota videos, Optional<Quota> refusedPhotos, Jobs jobs) {
        this.videos = videos;
        this.refusedPhotos = refusedPhotos;
        this.jobs = jobs;
    }

    /** The refusal a requester whose quota or refused-photo allowance is used up gets; empty otherwise. */
    public Optional<Refusal> refusal(RequesterId requester) {
        QuotaStatus status = videos.status(requester, jobs.now());
        if (status.exhausted()) {
            return Optional.of(videosUsedUp(status));
        }
        return refusedPhotos.map(allowance -> allowance.status(requester, jobs.now()))
                .filter(QuotaStatus::exhausted)
                .map(used -> new Refusal.TooManyRefusedPhotos(used.limit(), used.resetsAt()));
    }

    /** Uses one video of the requester's quota; the refusal when none is left. */
    public Optional<Refusal> chargeVideo(RequesterId requester) {
        if (videos.tryConsume(requester, jobs.now())) {
            return Optional.empty();
        }
        return Optional.of(videosUsedUp(videos.status(requester, jobs.now())));
    }

    /** Gives back the video of a job that ended without one through no fault of the requester. */
    public void refundVideo(RequesterId requester) {
        videos.refund(requester, jobs.now());
    }

    /** Counts photos that were looked at and refused for what they showed. */
    public void refusedPhotos(RequesterId requester, int photos) {
        refusedPhotos.ifPresent(allowance -> {
            for (int i = 0; i < photos; i++) {
                allowance.tryConsume(requester, jobs.now());
            }
        });
    }

    private static Refusal videosUsedUp(QuotaStatus status) {
        return new Refusal.QuotaExhausted(status.limit(), status.resetsAt());
    }
}
