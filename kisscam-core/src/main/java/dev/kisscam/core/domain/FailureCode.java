package dev.kisscam.core.domain;

/**
 * Why a job ended without a video, as a code every frontend can put into its users' language.
 * Whether the user may retry follows from the code.
 */
public enum FailureCode {
    /** The provider's moderation blocked the output. Retrying the same photos would only be blocked again. */
    MODERATION_BLOCKED(false),
    /** The provider reported the generation failed. */
    GENERATION_FAILED(true),
    /** The provider let the generation expire. */
    GENERATION_EXPIRED(true),
    /** The provider did not finish within the generation timeout. */
    GENERATION_TIMED_OUT(true),
    /** The provider is briefly unavailable: outage, rate limit or an open circuit after retries. */
    SERVICE_BUSY(true),
    /** The provider refuses us (key invalid, credits exhausted, misconfigured): an operator must act. */
    SERVICE_NOT_AVAILABLE(true),
    /**
     * The submission's answer was lost (a timeout after the request was sent), so the provider may have
     * started it. It is not submitted again automatically: that could pay twice.
     */
    SUBMISSION_UNCONFIRMED(true),
    /** The program stopped while submitting; for the same reason the job is not submitted again. */
    INTERRUPTED(true),
    /** The media or job store failed. */
    STORAGE_FAILED(true),
    /** The frontend could not hand the video over. */
    DELIVERY_FAILED(true),
    /** Anything else; a bug. */
    INTERNAL_ERROR(true);

    private final boolean retryable;

    FailureCode(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
