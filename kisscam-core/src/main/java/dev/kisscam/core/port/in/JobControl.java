package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;

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
     * Runs a failed job again with its stored photos, as a new job. It costs quota like any job; refused when
     * the failure cannot be mended by retrying, the photos are gone, or another job is active.
     */
    IntakeOutcome retry(Requester requester, JobId failedJob);
}
