package dev.kisscam.core.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The core's rules, immutable. Start from {@link #defaults()} and change what differs:
 * {@code KisscamSettings.defaults().withMaxConcurrentGenerations(8)}.
 *
 * @param maxPhotoBytes a photo larger than this is refused (default 20 MB, Telegram's download limit)
 * @param minShortSide a photo whose short side is smaller is refused (default 200 px)
 * @param maxPixels a photo with more pixels is refused before anything decodes it (default 40 megapixels)
 * @param draftLifetime how long a one-person photo waits for its partner (default 10 minutes)
 * @param maxConcurrentGenerations generations in flight at once; the rest wait in order (default 4)
 * @param positionNoticeInterval at most one queue-position notice per job this often (default 5 s)
 * @param maxResubmissions how often a transiently failed generation is submitted again (default 1)
 * @param draftSweepInterval how often expired drafts (and earlier videos past the repeat window) are looked
 *     for (default 15 s)
 * @param repeatWindow how long a delivered video is kept to answer the same photos from the same requester
 *     again, free (default 1 hour); zero keeps none
 */
public record KisscamSettings(
        long maxPhotoBytes,
        int minShortSide,
        long maxPixels,
        Duration draftLifetime,
        int maxConcurrentGenerations,
        Duration positionNoticeInterval,
        int maxResubmissions,
        Duration draftSweepInterval,
        Duration repeatWindow) {

    public KisscamSettings {
        Objects.requireNonNull(draftLifetime, "draftLifetime");
        Objects.requireNonNull(positionNoticeInterval, "positionNoticeInterval");
        Objects.requireNonNull(draftSweepInterval, "draftSweepInterval");
        Objects.requireNonNull(repeatWindow, "repeatWindow");
        if (maxPhotoBytes <= 0 || minShortSide <= 0 || maxPixels <= 0) {
            throw new IllegalArgumentException("photo limits must be positive");
        }
        if (maxConcurrentGenerations < 1) {
            throw new IllegalArgumentException("at least one generation must be allowed at a time");
        }
        if (maxResubmissions < 0) {
            throw new IllegalArgumentException("resubmissions cannot be negative");
        }
        if (!draftLifetime.isPositive() || !draftSweepInterval.isPositive() || positionNoticeInterval.isNegative()) {
            throw new IllegalArgumentException("durations must be positive");
        }
        if (repeatWindow.isNegative()) {
            throw new IllegalArgumentException("the repeat window cannot be negative");
        }
    }

    public static KisscamSettings defaults() {
        return new KisscamSettings(20L * 1024 * 1024, 200, 40_000_000L, Duration.ofMinutes(10), 4,
                Duration.ofSeconds(5), 1, Duration.ofSeconds(15), Duration.ofHours(1));
    }

    public KisscamSettings withMaxPhotoBytes(long bytes) {
        return new KisscamSettings(bytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, repeatWindow);
    }

    public KisscamSettings withDraftLifetime(Duration lifetime) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, lifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, repeatWindow);
    }

    public KisscamSettings withMaxConcurrentGenerations(int generations) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, generations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, repeatWindow);
    }

    public KisscamSettings withPositionNoticeInterval(Duration interval) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                interval, maxResubmissions, draftSweepInterval, repeatWindow);
    }

    public KisscamSettings withMaxResubmissions(int resubmissions) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, resubmissions, draftSweepInterval, repeatWindow);
    }

    public KisscamSettings withRepeatWindow(Duration window) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, window);
    }
}
