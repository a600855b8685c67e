package dev.kisscam.adapter.storage;

import dev.kisscam.core.domain.MediaKey;
import java.time.Instant;
import java.util.function.Predicate;

/** A media store the {@link MediaSweeper} can clean. */
interface ExpiringMedia {

    /**
     * Deletes every blob last written before {@code cutoff} whose key {@code inUse} does not claim, asking
     * about each one just before deleting it, and every partial upload begun before {@code cutoff}; returns
     * how many blobs were deleted. What {@code inUse} throws ends the sweep and keeps what is left.
     */
    int deleteUnusedOlderThan(Instant cutoff, Predicate<MediaKey> inUse);

    /** Where the media lives, for log lines. */
    String location();
}
