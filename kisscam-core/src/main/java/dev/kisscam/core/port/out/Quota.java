package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.QuotaStatus;
import dev.kisscam.core.domain.RequesterId;
import java.time.Instant;

/** How many jobs a requester may start per period. */
public interface Quota {

    /** Where the requester stands now, without using anything. */
    QuotaStatus status(RequesterId requester, Instant now);

    /** Uses one job of the requester's quota if one is left; atomic per requester. */
    boolean tryConsume(RequesterId requester, Instant now);

    /**
     * Gives back one job used in the current period, for a job that ended without a video through no fault
     * of the requester. Never below zero; nothing to give back after the period has ended.
     */
    void refund(RequesterId requester, Instant now);
}
