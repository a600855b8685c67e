package dev.kisscam.adapter.storage;

import java.time.Instant;

/** A media store the {@link MediaSweeper} can clean. */
interface ExpiringMedia {

    /** Deletes every blob (and every abandoned partial upload) last written before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff);

    /** Where the media lives, for log lines. */
    String location();
}
