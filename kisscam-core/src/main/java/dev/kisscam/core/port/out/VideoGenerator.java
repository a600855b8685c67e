package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Spend;
import java.io.InputStream;
import java.util.Optional;

/**
 * Turns photos into a video at a provider that works asynchronously: submit once, then poll. A submission
 * costs money, so the core never submits a job twice unless the provider called the failure transient.
 */
public interface VideoGenerator {

    /**
     * Submits a generation. Retries only where the request provably was not accepted.
     *
     * @param media where to read the photos' bytes from
     * @throws VideoGenerationException with {@link ProviderFault#SUBMISSION_UNCONFIRMED} when the answer was
     *     lost after sending, so the caller must not submit again
     */
    GenerationTicket submit(GenerationRequest request, MediaReader media);

    /** Asks how a submission is doing. Cheap; retried inside the adapter on transient failures. */
    GenerationStatus poll(GenerationTicket ticket);

    /**
     * Opens the finished video for streaming into the media store; the stream fails if the content is not a
     * video or exceeds the adapter's size limit.
     */
    InputStream openVideo(GenerationStatus.Ready ready);

    /** How often to poll and when to give up. */
    PollingPolicy pollingPolicy();

    /**
     * What this request will probably cost, from the provider's price list, before anything is paid; empty
     * when the provider has no price list. The answer's own spend stays the authority.
     */
    default Optional<Spend> estimate(GenerationRequest request) {
        return Optional.empty();
    }
}
