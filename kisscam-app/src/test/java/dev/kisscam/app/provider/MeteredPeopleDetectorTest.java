package dev.kisscam.app.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.PeopleDetectorContract;
import dev.kisscam.core.testing.TestImages;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MeteredPeopleDetectorTest extends PeopleDetectorContract {
    private static final byte[] COUPLE = TestImages.jpeg(640, 480, 3);

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final FakePeopleDetector provider = new FakePeopleDetector().sees(COUPLE, 2);
    private final MeteredPeopleDetector detector = new MeteredPeopleDetector(provider, registry);

    @Override
    protected PeopleDetector detectorThatSees(int people, boolean anyoneUnderage) {
        return new MeteredPeopleDetector(new FakePeopleDetector().sees(COUPLE, people, anyoneUnderage), registry);
    }

    @Override
    protected PeopleDetector detectorThatAnswersNonsense() {
        return new MeteredPeopleDetector(new FakePeopleDetector(), registry);
    }

    @Override
    protected PeopleDetector detectorWhoseServiceIsDown() {
        var down = new FakePeopleDetector();
        down.failWith(new PeopleDetectionException(ProviderFault.UNAVAILABLE, "down"));
        return new MeteredPeopleDetector(down, registry);
    }

    @Test
    void detections_are_counted_by_outcome_and_failures_pass_unchanged() {
        detector.detect(storedPhoto(), media);
        detector.detect(storedPhoto(), media);

        var down = new PeopleDetectionException(ProviderFault.UNAVAILABLE, "down");
        provider.failWith(down);
        assertThatThrownBy(() -> detector.detect(storedPhoto(), media)).isSameAs(down);
        provider.failWith(null);

        Photo unknown = storedPhoto();
        media.failing(true);
        assertThatThrownBy(() -> detector.detect(unknown, media)).isInstanceOf(MediaStoreException.class);
        media.failing(false);

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of(
                "detect/ok", 2.0,
                "detect/unavailable", 1.0,
                "detect/error", 1.0));
        assertThat(ProviderCallMeters.timer(registry, "detect").count()).isEqualTo(4);
    }

    @Test
    void a_nonsense_answer_is_counted_as_an_invalid_response() {
        assertThatThrownBy(() -> detectorThatAnswersNonsense().detect(storedPhoto(), media))
                .isInstanceOf(PeopleDetectionException.class);

        assertThat(ProviderCallMeters.counts(registry)).isEqualTo(Map.of("detect/invalid_response", 1.0));
    }

    @Test
    void a_detection_is_timed_for_as_long_as_the_provider_took() {
        PeopleDetector slow = new PeopleDetector() {
            @Override
            public PeopleCount detect(Photo photo, MediaReader reader) {
                clock.add(Duration.ofMillis(1500));
                return provider.detect(photo, reader);
            }
        };

        new MeteredPeopleDetector(slow, registry).detect(storedPhoto(), media);

        assertThat(ProviderCallMeters.seconds(registry, "detect")).isEqualTo(1.5);
    }
}
