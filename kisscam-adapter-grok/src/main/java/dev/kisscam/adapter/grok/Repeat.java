package dev.kisscam.adapter.grok;

/** Whether a call may be sent again after a failure whose request might have reached the server. */
enum Repeat {
    /** Nothing lasting happens on the server (a poll, a download, a vision answer): repeat after any transient failure. */
    SAFE,
    /**
     * The call creates a billed job and has no idempotency key: repeat it only when the failure proves the
     * request was not accepted. Two failures prove it: the body was never written completely (a refused or
     * failed connection, a failure while sending), and a 429 rate limit. Everything else after the body was
     * written (a lost answer, a 408, any 5xx) is {@code SUBMISSION_UNCONFIRMED}; see
     * {@link XaiFailure#forStatus}.
     */
    ONLY_IF_UNSENT
}
