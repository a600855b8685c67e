package dev.kisscam.adapter.grok;

/** Whether a call may be sent again after a failure whose request might have reached the server. */
enum Repeat {
    /** Nothing lasting happens on the server (a poll, a download, a vision answer): repeat after any transient failure. */
    SAFE,
    /**
     * The call creates a billed job and has no idempotency key: repeat it only when the failure proves the
     * request was not accepted (not sent completely, 408, 429, or a 5xx other than a gateway timeout).
     */
    ONLY_IF_UNSENT
}
