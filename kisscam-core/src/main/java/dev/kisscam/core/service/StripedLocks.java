package dev.kisscam.core.service;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks shared out by hash, so per-requester and per-job locking needs no map that grows
 * with every user. ReentrantLock rather than synchronized: virtual threads park on it without pinning.
 */
final class StripedLocks {
    private final ReentrantLock[] locks = new ReentrantLock[256];

    StripedLocks() {
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(Object key) {
        return locks[Math.floorMod(key.hashCode() * 0x9E3779B9, locks.length)];
    }
}
