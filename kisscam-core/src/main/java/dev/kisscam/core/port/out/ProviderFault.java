package dev.kisscam.core.port.out;

/** How a provider (detector or generator) failed, in the terms the core acts on. */
public enum ProviderFault {
    /** Briefly unavailable: outage, timeouts or rate limits after retries, or a circuit breaker open. */
    UNAVAILABLE,
    /** It refuses us: key invalid, credits exhausted, permission denied, misconfigured. An operator must act. */
    ACCESS_DENIED,
    /** A submission was sent but its answer was lost: it may have been accepted (and billed). */
    SUBMISSION_UNCONFIRMED,
    /** It answered something we cannot understand. */
    INVALID_RESPONSE,
    /** It refused this input (format, size, content). */
    REJECTED_INPUT,
    /**
     * It is at the account's rate limit: back-pressure, not a failure. A submission that meets it was not
     * accepted; it waits its turn again, after the pause the provider asked for.
     */
    RATE_LIMITED
}
