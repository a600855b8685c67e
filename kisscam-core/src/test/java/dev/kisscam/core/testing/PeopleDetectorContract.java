package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.port.out.ProviderFault;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PeopleDetector} must do. Extend it and return detectors whose provider (a fake server on
 * loopback, say) answers as each method's name says.
 */
public abstract class PeopleDetectorContract {

    protected final InMemoryMediaStore media = new InMemoryMediaStore();

    protected abstract PeopleDetector detectorThatSees(int people, boolean anyoneUnderage) throws Exception;

    protected abstract PeopleDetector detectorThatAnswersNonsense() throws Exception;

    protected abstract PeopleDetector detectorWhoseServiceIsDown() throws Exception;

    protected Photo storedPhoto() {
        byte[] jpeg = TestImages.jpeg(640, 480, 3);
        var stored = media.put(MediaKind.PHOTO, new ByteArrayInputStream(jpeg));
        return new Photo(stored.key(), ImageFormat.JPEG, new Dimensions(640, 480), stored.sizeBytes(),
                TestImages.digestOf(jpeg));
    }

    @Test
    void it_reports_the_people_it_sees() throws Exception {
        for (int people : new int[] {0, 1, 2, 3}) {
            PeopleCount count = detectorThatSees(people, false).detect(storedPhoto(), media);
            assertThat(count.people()).isEqualTo(people);
            assertThat(count.anyoneLooksUnderage()).isFalse();
            assertThat(count.boxes()).hasSizeLessThanOrEqualTo(people);
        }
    }

    @Test
    void it_reports_when_someone_looks_underage() throws Exception {
        assertThat(detectorThatSees(2, true).detect(storedPhoto(), media).anyoneLooksUnderage()).isTrue();
    }

    @Test
    void a_nonsense_answer_is_a_failure_not_a_guess() throws Exception {
        PeopleDetector detector = detectorThatAnswersNonsense();
        assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                .isInstanceOf(PeopleDetectionException.class)
                .extracting(e -> ((PeopleDetectionException) e).fault()).isEqualTo(ProviderFault.INVALID_RESPONSE);
    }

    @Test
    void a_service_that_is_down_is_reported_as_unavailable() throws Exception {
        PeopleDetector detector = detectorWhoseServiceIsDown();
        assertThatThrownBy(() -> detector.detect(storedPhoto(), media))
                .isInstanceOf(PeopleDetectionException.class)
                .extracting(e -> ((PeopleDetectionException) e).fault()).isEqualTo(ProviderFault.UNAVAILABLE);
    }
}
