package dev.kisscam.adapter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Age makes media a candidate for the sweeper; what a job uses stays, even when the job took it while the
 * sweep was running. Every media store test implements this.
 */
interface SweepKeepsMediaInUseContract {

    Duration TTL = Duration.ofHours(24);

    MediaStore storeUnderTest();

    MediaSweeper sweeper(Duration ttl, Clock clock, Predicate<MediaKey> inUse);

    /** Everything stored by a test is past the TTL then. */
    private static Clock twoDaysLater() {
        return new MutableClock(Instant.now().plus(Duration.ofDays(2)));
    }

    private MediaKey put(MediaKind kind) {
        return storeUnderTest().put(kind, new ByteArrayInputStream(new byte[] {1})).key();
    }

    @Test
    default void media_past_the_ttl_that_a_job_uses_survives_the_sweep_and_unused_media_goes() {
        MediaKey photoOfAQueuedJob = put(MediaKind.PHOTO);
        MediaKey videoTheRepeatRuleKeeps = put(MediaKind.VIDEO);
        MediaKey forgotten = put(MediaKind.PHOTO);
        Set<MediaKey> inUse = Set.of(photoOfAQueuedJob, videoTheRepeatRuleKeeps);

        int deleted = sweeper(TTL, twoDaysLater(), inUse::contains).sweepOnce();

        assertThat(deleted).isOne();
        assertThat(storeUnderTest().size(photoOfAQueuedJob)).isOne();
        assertThat(storeUnderTest().size(videoTheRepeatRuleKeeps)).isOne();
        assertThatThrownBy(() -> storeUnderTest().size(forgotten)).isInstanceOf(MediaStoreException.NotFound.class);
    }

    @Test
    default void media_a_job_takes_while_the_sweep_runs_is_kept() {
        MediaKey one = put(MediaKind.PHOTO);
        MediaKey other = put(MediaKind.PHOTO);
        Set<MediaKey> inUse = ConcurrentHashMap.newKeySet();
        List<MediaKey> asked = new CopyOnWriteArrayList<>();
        Predicate<MediaKey> jobs = key -> {
            if (asked.isEmpty()) {
                // a retried job starts as the sweep reaches its first candidate, and takes the other one
                inUse.add(key.equals(one) ? other : one);
            }
            asked.add(key);
            return inUse.contains(key);
        };

        int deleted = sweeper(TTL, twoDaysLater(), jobs).sweepOnce();

        assertThat(deleted).isOne();
        assertThat(asked).containsExactlyInAnyOrder(one, other);
        MediaKey taken = inUse.iterator().next();
        assertThat(storeUnderTest().size(taken)).isOne();
    }

    @Test
    default void media_within_the_ttl_is_kept_without_asking() {
        MediaKey fresh = put(MediaKind.VIDEO);
        List<MediaKey> asked = new CopyOnWriteArrayList<>();

        int deleted = sweeper(TTL, Clock.systemUTC(), key -> {
            asked.add(key);
            return false;
        }).sweepOnce();

        assertThat(deleted).isZero();
        assertThat(asked).isEmpty();
        assertThat(storeUnderTest().size(fresh)).isOne();
    }

    @Test
    default void a_sweep_that_cannot_tell_what_is_in_use_ends_and_keeps_the_media() {
        MediaKey one = put(MediaKind.PHOTO);
        MediaKey other = put(MediaKind.VIDEO);
        var failure = new IllegalStateException("the jobs cannot be read");

        Throwable thrown = catchThrowable(() -> sweeper(TTL, twoDaysLater(), key -> {
            throw failure;
        }).sweepOnce());

        assertThat(thrown).satisfiesAnyOf(e -> assertThat(e).isSameAs(failure), e -> assertThat(e).hasCause(failure));
        assertThat(storeUnderTest().size(one)).isOne();
        assertThat(storeUnderTest().size(other)).isOne();
    }
}
