package dev.kisscam.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.testing.FakePeopleDetector;
import dev.kisscam.core.testing.FakeVideoGenerator;
import dev.kisscam.core.testing.InMemoryConsentStore;
import dev.kisscam.core.testing.InMemoryJobStore;
import dev.kisscam.core.testing.InMemoryMediaStore;
import dev.kisscam.core.testing.InMemoryQuota;
import dev.kisscam.core.testing.JobStoreContract;
import dev.kisscam.core.testing.RecordingDelivery;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sweeper's question answered from the core: what unfinished jobs still need. */
class MediaInUseTest {

    @Test
    void the_photos_and_the_video_of_unfinished_jobs_are_in_use_and_nothing_else() {
        var jobs = new InMemoryJobStore();
        var queued = JobStoreContract.sampleJob(1, new JobState.Queued());
        var delivering = JobStoreContract.sampleJob(2, JobState.Delivering.stored(new MediaKey("video-2"), 10,
                JobStoreContract.sampleJob(2, new JobState.Queued()).createdAt()));
        var done = JobStoreContract.sampleJob(3, new JobState.Done(queued.createdAt()));
        jobs.save(queued);
        jobs.save(delivering);
        jobs.save(done);
        Kisscam core = Kisscam.builder().mediaStore(new InMemoryMediaStore()).jobStore(jobs)
                .consentStore(new InMemoryConsentStore()).quota(new InMemoryQuota(1, Duration.ofHours(1)))
                .peopleDetector(new FakePeopleDetector()).videoGenerator(new FakeVideoGenerator())
                .delivery(new RecordingDelivery()).build();

        var inUse = new MediaInUse(() -> core);

        assertThat(inUse.test(queued.photoKeys().getFirst())).isTrue();
        assertThat(inUse.test(delivering.photoKeys().getFirst())).isTrue();
        assertThat(inUse.test(new MediaKey("video-2"))).isTrue();
        assertThat(inUse.test(done.photoKeys().getFirst())).isFalse();
        assertThat(inUse.test(new MediaKey("photo-litter"))).isFalse();
    }
}
