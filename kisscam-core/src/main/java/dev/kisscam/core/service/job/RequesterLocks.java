package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.RequesterId;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises the decisions about one requester (the one-active-job rule, quota, pairing a draft) with a
 * fixed set of locks shared out by hash, so it needs no map that grows with every user. ReentrantLock
 * rather than synchronized: virtual threads park on it without pinning.
 */
public final class RequesterLocks {
    private final ReentrantLock[] locks = new ReentrantLock[256];

    public RequesterLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public ReentrantLock of(RequesterId requester) {
        return locks[Math.floorMod(requester.hashCode() * 0x9E3779B9, locks.length)];
    }
}
