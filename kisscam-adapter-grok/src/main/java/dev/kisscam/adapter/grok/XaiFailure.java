package dev.kisscam.adapter.grok;

import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import java.time.Duration;
import java.util.Optional;

/**
 * Why one call to xAI failed, classified once where it happened: what the core should make of it, whether a
 * retry may mend it, and whether it says something about the service's health (for the circuit breaker).
 * Never leaves the adapter: {@link #forDetector()} and {@link #forGenerator()} translate it at the edge.
 * Messages are built from redacted text only.
 */
final class XaiFailure extends RuntimeException {
    private static final System.Logger LOG = System.getLogger(XaiFailure.class.getName());

    private final ProviderFault fault;
    private final boolean retryable;
    private final boolean serviceTrouble;
    private final int httpStatus;
    private final Duration retryAfter;

    private XaiFailure(ProviderFault fault, String message, boolean retryable, boolean serviceTrouble, int httpStatus,
            Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.fault = fault;
        this.retryable = retryable;
        this.serviceTrouble = serviceTrouble;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    /** The request never reached the server completely: safe to send again. */
    static XaiFailure unsent(Endpoint endpoint, String detail, Throwable cause) {
        return new XaiFailure(ProviderFault.UNAVAILABLE, "could not reach xAI " + endpoint.label() + ": " + detail,
                true, true, 0, null, cause);
    }

    /** The request was sent but its answer is lost: for a call that may repeat, a retry may mend it. */
    static XaiFailure answerLost(Endpoint endpoint, Repeat repeat, String detail, Throwable cause) {
        return switch (repeat) {
            case SAFE -> new XaiFailure(ProviderFault.UNAVAILABLE,
                    "xAI " + endpoint.label() + " gave no answer: " + detail, true, true, 0, null, cause);
            case ONLY_IF_UNSENT -> new XaiFailure(ProviderFault.SUBMISSION_UNCONFIRMED,
                    "xAI " + endpoint.label() + " received the submission but its answer was lost (" + detail
                            + "); it may have been accepted and billed, so it is not sent again",
                    false, true, 0, null, cause);
        };
    }

    static XaiFailure interrupted(Endpoint endpoint, Throwable cause) {
        return new XaiFailure(ProviderFault.UNAVAILABLE, "the call to xAI " + endpoint.label() + " was interrupted",
                false, false, 0, null, cause);
    }

    static XaiFailure circuitOpen(Endpoint endpoint) {
        return new XaiFailure(ProviderFault.UNAVAILABLE, "xAI " + endpoint.label()
                + " failed repeatedly and is given a rest (circuit breaker open)", false, false, 0, null, null);
    }

    static XaiFailure throttled(Endpoint endpoint) {
        return new XaiFailure(ProviderFault.UNAVAILABLE, "too many calls to xAI right now (local rate limit), "
                + endpoint.label() + " not called", false, false, 0, null, null);
    }

    /** No submission permit in time: back-pressure, like the provider's own 429; nothing was sent. */
    static XaiFailure submissionsThrottled(Duration spacing) {
        return new XaiFailure(ProviderFault.RATE_LIMITED, "too many video submissions right now (local pacing of "
                + GrokConfig.GROK_SUBMITS_PER_SECOND + "), not sent", false, false, 0, spacing, null);
    }

    static XaiFailure invalidResponse(Endpoint endpoint, String detail) {
        return new XaiFailure(ProviderFault.INVALID_RESPONSE, "xAI " + endpoint.label() + " answered something unusable: "
                + detail, false, false, 0, null, null);
    }

    /** The provider understood the request and declined this input. */
    static XaiFailure refused(Endpoint endpoint, String detail) {
        return new XaiFailure(ProviderFault.REJECTED_INPUT, "xAI " + endpoint.label() + " refused the input: " + detail,
                false, false, 0, null, null);
    }

    /**
     * Classifies an HTTP error answer. 408, 429 and 5xx are transient; a 429 about spending or credits, 401,
     * 403, a 400 about the API key and a 404 (a model or endpoint that does not exist) need an operator;
     * any other 4xx refuses the input. The file host's 4xx means its URL no longer serves the video.
     *
     * <p>A submission ({@link Repeat#ONLY_IF_UNSENT}) that got an answer was sent whole, so it is repeated only
     * when the answer proves no job was created. Only a 429 (a rate limit, not a spending cap) proves that: xAI
     * turns work away at the gate before anything is generated, and its own REST SDK repeats creates on 429 and
     * on nothing else. A 408 or any 5xx, whatever its body says (an error from the API, a gateway's page, an
     * empty body), comes from somewhere that may already have handed the job on, which xAI's SDK repeats only
     * for reads: it is {@link ProviderFault#SUBMISSION_UNCONFIRMED}. A submission's 429 that outlives the retries
     * is {@link ProviderFault#RATE_LIMITED}, carrying its {@code Retry-After}, for the core to hold the queue.
     */
    static XaiFailure forStatus(Endpoint endpoint, Repeat repeat, int status, ErrorBody error, Duration retryAfter) {
        String what = "xAI " + endpoint.label() + " answered HTTP " + status
                + (error.describe().isEmpty() ? "" : " (" + error.describe() + ")");
        boolean spendingCap = status == 429 && error.mentions("spend|credit|billing|budget");
        boolean rateLimited = status == 429 && !spendingCap;
        boolean serverTrouble = status == 408 || status >= 500;
        if (serverTrouble && repeat == Repeat.ONLY_IF_UNSENT) {
            return new XaiFailure(ProviderFault.SUBMISSION_UNCONFIRMED,
                    what + "; only a 429 proves a submission was turned away, so this one may have been accepted and"
                            + " billed and is not sent again", false, true, status, null, null);
        }
        // A 429 is the account's pace, not a service in trouble: it must not open the circuit breaker, which would
        // then fail every call, submissions included, long after the limit has passed.
        if (rateLimited && repeat == Repeat.ONLY_IF_UNSENT) {
            return new XaiFailure(ProviderFault.RATE_LIMITED, what, true, false, status, retryAfter, null);
        }
        if (rateLimited || serverTrouble) {
            return new XaiFailure(ProviderFault.UNAVAILABLE, what, true, serverTrouble, status, retryAfter, null);
        }
        if (endpoint == Endpoint.VIDEO_DOWNLOAD || status < 400) {
            return new XaiFailure(ProviderFault.INVALID_RESPONSE, what, false, false, status, null, null);
        }
        boolean refusesUs = spendingCap || status == 401 || status == 403 || status == 404
                || (status == 400 && error.mentions("api[ _-]?key"));
        return new XaiFailure(refusesUs ? ProviderFault.ACCESS_DENIED : ProviderFault.REJECTED_INPUT, what,
                false, false, status, null, null);
    }

    ProviderFault fault() {
        return fault;
    }

    boolean retryable() {
        return retryable;
    }

    /** Whether this failure counts against the endpoint's circuit breaker; a refusal of our input does not. */
    boolean serviceTrouble() {
        return serviceTrouble;
    }

    /** The HTTP status of the answer, 0 when there was none. */
    int httpStatus() {
        return httpStatus;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A failure that outlived its retries may have a wait the retry refused to honour: say so. */
    XaiFailure askedToWaitLonger(Duration limit) {
        return new XaiFailure(fault, getMessage() + "; it asks to retry after " + retryAfter.toSeconds()
                + " s, longer than the " + limit.toSeconds() + " s we wait", false, serviceTrouble, httpStatus, retryAfter,
                this);
    }

    PeopleDetectionException forDetector() {
        warnOperator();
        return new PeopleDetectionException(fault, getMessage(), this);
    }

    VideoGenerationException forGenerator() {
        warnOperator();
        return new VideoGenerationException(fault, getMessage(), this, retryAfter());
    }

    private void warnOperator() {
        if (fault == ProviderFault.ACCESS_DENIED) {
            LOG.log(System.Logger.Level.ERROR, "xAI refuses our calls; an operator must act (check GROK_API_KEY, "
                    + "the team''s credits and spending limit, and the model names): {0}", getMessage());
        }
    }
}
