package dev.kisscam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.JobRef;
import dev.kisscam.core.port.out.Video;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Delivery} must do: each call reaches the requester in some visible form, and the video
 * arrives whole. Extend it with a frontend talking to a fake of its platform.
 */
public abstract class DeliveryContract {

    protected final InMemoryMediaStore media = new InMemoryMediaStore();

    protected abstract Delivery delivery() throws Exception;

    /** A requester the frontend can reach. */
    protected abstract Requester requester() throws Exception;

    /** How many visible things (messages, edits, uploads) this requester has seen so far. */
    protected abstract int visibleUpdatesSeenBy(Requester requester) throws Exception;

    /** The bytes of the last video this requester received. */
    protected abstract byte[] lastVideoReceivedBy(Requester requester) throws Exception;

    @Test
    void every_event_of_a_job_reaches_the_requester_and_the_video_arrives_whole() throws Exception {
        Delivery delivery = delivery();
        Requester requester = requester();
        var job = new JobRef(JobId.random(), requester);

        int before = visibleUpdatesSeenBy(requester);
        delivery.queuePosition(job, 3);
        int afterPosition = visibleUpdatesSeenBy(requester);
        assertThat(afterPosition).isGreaterThan(before);

        delivery.progress(job, 40);
        assertThat(visibleUpdatesSeenBy(requester)).isGreaterThan(afterPosition);

        byte[] mp4 = TestVideos.minimalMp4();
        var stored = media.put(MediaKind.VIDEO, new ByteArrayInputStream(mp4));
        delivery.videoReady(job, new Video(stored.key(), stored.sizeBytes(), media));
        assertThat(lastVideoReceivedBy(requester)).isEqualTo(mp4);
    }

    @Test
    void failures_and_cancellations_are_told() throws Exception {
        Delivery delivery = delivery();
        Requester requester = requester();

        var failedJob = new JobRef(JobId.random(), requester);
        delivery.progress(failedJob, 0);
        int before = visibleUpdatesSeenBy(requester);
        delivery.failed(failedJob, new Failure(FailureCode.GENERATION_FAILED, "internal_error"));
        int afterFailed = visibleUpdatesSeenBy(requester);
        assertThat(afterFailed).isGreaterThan(before);

        var cancelledJob = new JobRef(JobId.random(), requester);
        delivery.queuePosition(cancelledJob, 1);
        int beforeCancel = visibleUpdatesSeenBy(requester);
        delivery.cancelled(cancelledJob);
        assertThat(visibleUpdatesSeenBy(requester)).isGreaterThan(beforeCancel);

        int beforeExpiry = visibleUpdatesSeenBy(requester);
        delivery.draftExpired(requester);
        assertThat(visibleUpdatesSeenBy(requester)).isGreaterThan(beforeExpiry);
    }
}
