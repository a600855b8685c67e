package dev.kisscam.core.service;

import dev.kisscam.core.domain.InvalidConfiguration;
import dev.kisscam.core.domain.VideoStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The core's rules, immutable. Start from {@link #defaults()} and change what differs:
 * {@code KisscamSettings.defaults().withMaxConcurrentGenerations(8)}. A value that breaks a rule makes
 * construction fail with {@link Invalid}, which lists every broken rule at once.
 *
 * @param maxPhotoBytes a photo larger than this is refused (default 20 MB, Telegram's download limit)
 * @param minShortSide a photo whose short side is smaller is refused (default 200 px)
 * @param maxPixels a photo with more pixels is refused before anything decodes it (default 40 megapixels)
 * @param draftLifetime how long a one-person photo waits for its partner (default 10 minutes)
 * @param maxConcurrentGenerations {@value #MAX_CONCURRENT_GENERATIONS} to an operator: generations in flight at
 *     once, 1 to {@value #CONCURRENT_GENERATIONS_LIMIT}; the rest wait in order (default 4)
 * @param positionNoticeInterval at most one queue-position notice per job this often (default 5 s)
 * @param maxResubmissions how often a transiently failed generation is submitted again (default 1)
 * @param draftSweepInterval how often expired drafts (and earlier videos past the repeat window) are looked
 *     for (default 15 s)
 * @param deliveryRetryPause the first pause before a video goes again to a frontend that could not be reached
 *     (default 5 s); it doubles with each attempt, up to five minutes
 * @param deliveryPatience how long a video is offered to a frontend that cannot be reached before the job fails
 *     (default 24 hours); the video stays stored all that time
 * @param jobLease how long a process holds a job it runs before another may take it over, were it to die
 *     without a word (default 30 s); renewed while the job runs
 * @param lookForWorkEvery how often a process looks for work other processes queued or left behind (default
 *     1 s); work queued in this process starts at once
 * @param dailySpendLimitTicks {@value #DAILY_SPEND_LIMIT_USD} to an operator, in ticks of 1e-10 USD: new jobs are
 *     refused once today's (UTC) charges and the expected cost of the jobs in flight reach it; 0 for no limit
 * @param expectedTicksPerJob what one job is expected to cost, counted against the daily limit while it runs
 * @param styles the styles a requester may choose, the default first; frontends offer them, providers word them
 * @param repeatWindow {@value #REPEAT_CACHE_WINDOW} to an operator: how long a delivered video is kept to
 *     answer the same photos from the same requester again, free (default 1 hour, at most a week); zero keeps
 *     none
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
        Duration deliveryRetryPause,
        Duration deliveryPatience,
        Duration jobLease,
        Duration lookForWorkEvery,
        long dailySpendLimitTicks,
        long expectedTicksPerJob,
        List<VideoStyle> styles,
        Duration repeatWindow) {

    /** The environment variable an operator sets for {@code maxConcurrentGenerations}. */
    public static final String MAX_CONCURRENT_GENERATIONS = "MAX_CONCURRENT_GENERATIONS";
    /** Each generation holds a virtual thread and a provider's ticket; more than this at once is a typo. */
    public static final int CONCURRENT_GENERATIONS_LIMIT = 1000;
    /** The styles every frontend offers, gentle first: the default when a requester chooses none. */
    public static final List<VideoStyle> STYLES = Stream.of("gentle", "cinematic", "sunset", "rain", "snow",
            "cheek-kiss", "forehead-kiss", "hug-then-kiss").map(VideoStyle::new).toList();
    /** The environment variable an operator sets for {@code dailySpendLimitTicks}, in USD. */
    public static final String DAILY_SPEND_LIMIT_USD = "DAILY_SPEND_LIMIT_USD";
    /** The environment variable an operator sets for {@code repeatWindow}, in seconds. */
    public static final String REPEAT_CACHE_WINDOW = "REPEAT_CACHE_WINDOW";
    /** Kept videos are media like any other; a week is longer than anyone sends the same photos again. */
    public static final Duration LONGEST_REPEAT_WINDOW = Duration.ofDays(7);

    public KisscamSettings {
        Objects.requireNonNull(draftLifetime, "draftLifetime");
        Objects.requireNonNull(positionNoticeInterval, "positionNoticeInterval");
        Objects.requireNonNull(draftSweepInterval, "draftSweepInterval");
        Objects.requireNonNull(deliveryRetryPause, "deliveryRetryPause");
        Objects.requireNonNull(deliveryPatience, "deliveryPatience");
        Objects.requireNonNull(jobLease, "jobLease");
        Objects.requireNonNull(lookForWorkEvery, "lookForWorkEvery");
        Objects.requireNonNull(repeatWindow, "repeatWindow");
        styles = List.copyOf(styles);
        var problems = new ArrayList<String>();
        if (maxPhotoBytes <= 0 || minShortSide <= 0 || maxPixels <= 0) {
            problems.add("photo limits must be positive");
        }
        if (maxConcurrentGenerations < 1 || maxConcurrentGenerations > CONCURRENT_GENERATIONS_LIMIT) {
            problems.add(MAX_CONCURRENT_GENERATIONS + " must be between 1 and " + CONCURRENT_GENERATIONS_LIMIT
                    + ", was " + maxConcurrentGenerations);
        }
        if (maxResubmissions < 0) {
            problems.add("resubmissions cannot be negative");
        }
        if (!draftLifetime.isPositive() || !draftSweepInterval.isPositive() || positionNoticeInterval.isNegative()) {
            problems.add("durations must be positive");
        }
        if (!deliveryRetryPause.isPositive() || deliveryPatience.isNegative()) {
            problems.add("the delivery retry pause must be positive and the delivery patience at least zero");
        }
        if (jobLease.compareTo(Duration.ofSeconds(3)) < 0 || !lookForWorkEvery.isPositive()) {
            problems.add("the job lease must be at least 3 s and the look for work interval positive");
        }
        if (dailySpendLimitTicks < 0 || expectedTicksPerJob < 0) {
            problems.add(DAILY_SPEND_LIMIT_USD + " cannot be negative");
        }
        if (styles.isEmpty() || styles.stream().distinct().count() != styles.size()
                || styles.contains(VideoStyle.DEFAULT)) {
            problems.add("the styles must be at least one, each named once, none named \"" + VideoStyle.DEFAULT + "\"");
        }
        if (repeatWindow.isNegative() || repeatWindow.compareTo(LONGEST_REPEAT_WINDOW) > 0) {
            problems.add(REPEAT_CACHE_WINDOW + " must be between 0 and " + LONGEST_REPEAT_WINDOW.toSeconds()
                    + " seconds, was " + repeatWindow.toSeconds());
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfiguration(problems);
        }
    }

    public static KisscamSettings defaults() {
        return new KisscamSettings(20L * 1024 * 1024, 200, 40_000_000L, Duration.ofMinutes(10), 4,
                Duration.ofSeconds(5), 1, Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofHours(24),
                Duration.ofSeconds(30), Duration.ofSeconds(1), 0, 0, STYLES, Duration.ofHours(1));
    }

    public KisscamSettings withMaxPhotoBytes(long bytes) {
        return new KisscamSettings(bytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    public KisscamSettings withDraftLifetime(Duration lifetime) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, lifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    public KisscamSettings withMaxConcurrentGenerations(int generations) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, generations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    public KisscamSettings withPositionNoticeInterval(Duration interval) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                interval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    public KisscamSettings withMaxResubmissions(int resubmissions) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, resubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    /** How a frontend that cannot be reached is tried again: first after {@code firstPause}, for {@code patience}. */
    public KisscamSettings withDeliveryRetries(Duration firstPause, Duration patience) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, firstPause, patience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    /** How long a job is held by the process that runs it, and how often processes look for work. */
    public KisscamSettings withWorkSharing(Duration lease, Duration lookEvery) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience,
                lease, lookEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    /** A daily budget for the provider in ticks (0: none), and what a job in flight is expected to cost. */
    public KisscamSettings withDailySpendLimit(long limitTicks, long expectedTicksPerJob) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience,
                jobLease, lookForWorkEvery, limitTicks, expectedTicksPerJob, styles, repeatWindow);
    }

    /** The styles requesters may choose, the default first. */
    public KisscamSettings withStyles(List<VideoStyle> choice) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience,
                jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, choice, repeatWindow);
    }

    /** The style of a requester who chooses none. */
    public VideoStyle defaultStyle() {
        return styles.getFirst();
    }

    public KisscamSettings withRepeatWindow(Duration window) {
        return new KisscamSettings(maxPhotoBytes, minShortSide, maxPixels, draftLifetime, maxConcurrentGenerations,
                positionNoticeInterval, maxResubmissions, draftSweepInterval, deliveryRetryPause, deliveryPatience, jobLease, lookForWorkEvery, dailySpendLimitTicks, expectedTicksPerJob, styles, window);
    }

}
