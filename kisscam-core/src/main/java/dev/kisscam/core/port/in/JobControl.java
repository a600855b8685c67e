package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.VideoStyle;
import java.util.Optional;

/** What a requester may do with their own jobs. */
public interface JobControl {

    /** Cancels the requester's draft, queued job or running job (polling a running one stops). */
    CancelOutcome cancel(RequesterId requester);

    /**
     * Cancels this job if it is the requester's draft or unfinished job; anything else (another requester's
     * job, one that has ended, an id from an old button) is {@link CancelOutcome.NothingToCancel}.
     */
    CancelOutcome cancel(RequesterId requester, JobId job);

    /**
     * Changes the style of the requester's job while it waits (before it is submitted): a frontend offers
     * styles beside the "queued" message, so choosing one costs no round trip for those who do not care.
     */
    RestyleOutcome restyle(RequesterId requester, JobId job, VideoStyle style);

    /**
     * Another take of a delivered video: the same photos, this style or the same, a new generation that
     * costs quota like any job. Refused once the photos are no longer kept (the repeat window has passed).
     */
    IntakeOutcome anotherTake(Requester requester, JobId deliveredJob, Optional<VideoStyle> style);

    /**
     * Runs a failed job again with its stored photos, as a new job. It costs quota like any job; refused when
     * the failure cannot be mended by retrying, the photos are gone, or another job is active.
     */
    IntakeOutcome retry(Requester requester, JobId failedJob);
}
