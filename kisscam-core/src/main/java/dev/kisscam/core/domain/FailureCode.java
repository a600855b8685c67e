package dev.kisscam.core.domain;

/**
 * Why a job ended without a video, as a code every frontend can put into its users' language.
 * Whether the user may retry follows from the code.
 */
public enum FailureCode {
    /** The provider's moderation blocked the output. Retrying the same photos would only be blocked again. */
    MODERATION_BLOCKED(false, true),
    /** The provider reported the generation failed. */
    GENERATION_FAILED(true, false),
    /** The provider let the generation expire. */
    GENERATION_EXPIRED(true, false),
    /** The provider did not finish within the generation timeout. */
    GENERATION_TIMED_OUT(true, false),
    /** The provider is briefly unavailable: outage, rate limit or an open circuit after retries. */
    SERVICE_BUSY(true, false),
    /** The provider refuses us (key invalid, credits exhausted, misconfigured): an operator must act. */
    SERVICE_NOT_AVAILABLE(true, false),
    /**
     * The submission's answer was lost (a timeout after the request was sent), so the provider may have
     * started it. It is not submitted again automatically: that could pay twice.
     */
    SUBMISSION_UNCONFIRMED(true, false),
    /** The program stopped while submitting; for the same reason the job is not submitted again. */
    INTERRUPTED(true, false),
    /** The media or job store failed. */
    STORAGE_FAILED(true, false),
    /** The frontend could not hand the video over: the requester blocked it, or could not be reached for long. */
    DELIVERY_FAILED(true, true),
    /** Anything else; a bug. */
    INTERNAL_ERROR(true, false);

    private final boolean retryable;
    private final boolean requesterAnswerable;

    FailureCode(boolean retryable, boolean requesterAnswerable) {
        this.retryable = retryable;
        this.requesterAnswerable = requesterAnswerable;
    }

    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether the requester's side had a hand in it (what their photos showed, a chat that took no video), so
     * the video they were charged for is not given back.
     */
    public boolean requesterAnswerable() {
        return requesterAnswerable;
    }
}
