package dev.kisscam.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.PeopleDetectorContract;
import dev.kisscam.core.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedPeopleDetectorTest extends PeopleDetectorContract {
    private static final Duration WINDOW = Duration.ofMinutes(30);
    private static final byte[] COUPLE = TestImages.jpeg(640, 480, 21);
    private static final byte[] SINGLE = TestImages.jpeg(640, 480, 22);

    private final AtomicLong nanos = new AtomicLong();
    private final FakePeopleDetector provider = new FakePeopleDetector().sees(COUPLE, 2).sees(SINGLE, 1);
    private final CachedPeopleDetector detector = new CachedPeopleDetector(provider, WINDOW, 100, nanos::get);

    @Override
    protected PeopleDetector detectorThatSees(int people, boolean anyoneUnderage) {
        return cacheOf(new FakePeopleDetector().sees(TestImages.jpeg(640, 480, 3), people, anyoneUnderage));
    }

    @Override
    protected PeopleDetector detectorThatAnswersNonsense() {
        return cacheOf(new FakePeopleDetector());
    }

    @Override
    protected PeopleDetector detectorWhoseServiceIsDown() {
        var down = new FakePeopleDetector();
        down.failWith(new PeopleDetectionException(ProviderFault.UNAVAILABLE, "down"));
        return cacheOf(down);
    }

    @Test
    void the_same_bytes_are_counted_once_and_the_repeat_costs_nothing() {
        PeopleCount first = detector.detect(stored(COUPLE), media);
        PeopleCount again = detector.detect(stored(COUPLE), media);

        assertThat(provider.calls()).isEqualTo(1);
        assertThat(again.people()).isEqualTo(2);
        assertThat(again.boxes()).isEqualTo(first.boxes());
        assertThat(again.anyoneLooksUnderage()).isEqualTo(first.anyoneLooksUnderage());
        assertThat(first.spend().usdTicks()).isPositive();
        assertThat(again.spend().usdTicks()).isZero();
        assertThat(again.spend().model()).isEqualTo(first.spend().model());
    }

    @Test
    void other_bytes_are_asked_for() {
        assertThat(detector.detect(stored(COUPLE), media).people()).isEqualTo(2);
        assertThat(detector.detect(stored(SINGLE), media).people()).isEqualTo(1);

        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void once_the_window_passes_the_provider_is_asked_again() {
        detector.detect(stored(COUPLE), media);

        nanos.addAndGet(WINDOW.plusSeconds(1).toNanos());
        PeopleCount later = detector.detect(stored(COUPLE), media);

        assertThat(provider.calls()).isEqualTo(2);
        assertThat(later.spend().usdTicks()).isPositive();
    }

    @Test
    void failures_are_not_remembered() {
        var unavailable = new PeopleDetectionException(ProviderFault.UNAVAILABLE, "down");
        provider.failWith(unavailable);
        assertThatThrownBy(() -> detector.detect(stored(COUPLE), media)).isSameAs(unavailable);

        provider.failWith(null);
        assertThat(detector.detect(stored(COUPLE), media).people()).isEqualTo(2);
        assertThat(detector.detect(stored(COUPLE), media).people()).isEqualTo(2);

        assertThat(provider.calls()).isEqualTo(2);
    }

    private CachedPeopleDetector cacheOf(PeopleDetector delegate) {
        return new CachedPeopleDetector(delegate, WINDOW, 100, nanos::get);
    }

    /** Each call stores the bytes anew, under a key of their own, as a second upload of a photo would be. */
    private Photo stored(byte[] jpeg) {
        var stored = media.put(MediaKind.PHOTO, new ByteArrayInputStream(jpeg));
        return new Photo(stored.key(), ImageFormat.JPEG, new Dimensions(640, 480), stored.sizeBytes(),
                dev.kisscam.core.testing.TestImages.digestOf(jpeg));
    }

    @Test
    void a_repeated_photo_is_answered_from_its_digest_without_reading_the_store() {
        detector.detect(stored(COUPLE), media);
        dev.kisscam.core.port.out.MediaReader unreadable = key -> {
            throw new dev.kisscam.core.port.out.MediaStoreException("the store must not be read");
        };

        assertThat(detector.detect(stored(COUPLE), unreadable).people()).isEqualTo(2);
        assertThat(provider.calls()).isEqualTo(1);
    }

    @Test
    void a_photo_without_a_digest_is_asked_about_every_time() {
        var stored = media.put(MediaKind.PHOTO, new ByteArrayInputStream(COUPLE));
        var legacy = new Photo(stored.key(), ImageFormat.JPEG, new Dimensions(640, 480), stored.sizeBytes(),
                java.util.Optional.empty());

        detector.detect(legacy, media);
        detector.detect(legacy, media);

        assertThat(provider.calls()).isEqualTo(2);
    }

    @Test
    void counts_kept_where_other_instances_find_them_are_not_paid_for_again_there() {
        RememberedCounts everyInstance = RememberedCounts.in(new ConcurrentHashMap<PhotoDigest, PeopleCount>());
        var otherProvider = new FakePeopleDetector().sees(COUPLE, 2);
        var here = new CachedPeopleDetector(provider, everyInstance);
        var there = new CachedPeopleDetector(otherProvider, everyInstance);

        here.detect(stored(COUPLE), media);
        PeopleCount again = there.detect(stored(COUPLE), media);

        assertThat(provider.calls()).isEqualTo(1);
        assertThat(otherProvider.calls()).as("the other instance pays nothing").isZero();
        assertThat(again.people()).isEqualTo(2);
        assertThat(again.spend().usdTicks()).isZero();
    }
}
