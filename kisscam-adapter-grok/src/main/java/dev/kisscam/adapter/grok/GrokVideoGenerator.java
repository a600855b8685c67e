package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.InputStream;

/**
 * Grok Imagine image-to-video: submits one picture (the photo, or two photos side by side) with the
 * configured prompt, reads a poll's answer, and opens the finished MP4. The core runs the polling loop
 * with {@link #pollingPolicy()}.
 */
final class GrokVideoGenerator implements VideoGenerator {
    private static final System.Logger LOG = System.getLogger(GrokVideoGenerator.class.getName());
    static final String ONE_PHOTO = "in this photo";
    static final String TWO_PHOTOS = "shown side by side in this picture";

    private final XaiClient client;
    private final ImagePreparation images;
    private final VideoDownload downloads;
    private final RequesterHash users;
    private final GrokConfig config;

    GrokVideoGenerator(XaiClient client, ImagePreparation images, VideoDownload downloads, RequesterHash users,
            GrokConfig config) {
        this.client = client;
        this.images = images;
        this.downloads = downloads;
        this.users = users;
        this.config = config;
    }

    @Override
    public GenerationTicket submit(GenerationRequest request, MediaReader media) {
        JpegImage picture;
        try {
            picture = images.forVideo(request.photos(), media);
        } catch (PhotoNotPrepared e) {
            throw new VideoGenerationException(e.fault(), e.getMessage(), e);
        }
        JsonWithPictures.Builder submission = JsonWithPictures.builder(client.json());
        ObjectNode body = client.json().createObjectNode()
                .put("model", config.videoModel())
                .put("prompt", config.prompt(request.photos().size() == 1 ? ONE_PHOTO : TWO_PHOTOS));
        body.putObject("image").put("url", submission.picture(picture));
        body.put("duration", config.durationSeconds())
                .put("aspect_ratio", AspectRatio.closestTo(picture.width(), picture.height()).wireValue())
                .put("resolution", config.resolution())
                .put("user", users.of(request.requester()));
        try {
            XaiClient.Answer answer = client.post(Endpoint.VIDEO, "videos/generations", submission.build(body),
                    Repeat.ONLY_IF_UNSENT);
            GenerationTicket ticket = ticketFrom(answer);
            LOG.log(System.Logger.Level.INFO, "job {0} submitted to {1} as {2} ({3}, {4}x{5})", request.job(),
                    config.videoModel(), ticket, body.get("aspect_ratio").asText(), picture.width(), picture.height());
            return ticket;
        } catch (XaiFailure failure) {
            if (failure.fault() == ProviderFault.INVALID_RESPONSE) {
                // Whatever came back, the submission got there and may be a job we are paying for: never send it again.
                throw new VideoGenerationException(ProviderFault.SUBMISSION_UNCONFIRMED,
                        failure.getMessage() + "; the submission may have been accepted, so it is not sent again", failure);
            }
            throw failure.forGenerator();
        }
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        try {
            GenerationStatus status = VideoStatusAnswer.read(client.get(Endpoint.VIDEO, "videos", ticket.value()),
                    client, config.videoModel());
            logFinished(ticket, status);
            return status;
        } catch (XaiFailure failure) {
            if (failure.httpStatus() == 404) {
                // Not the provider's verdict on the generation: it was created and paid for, and an unknown ticket
                // (a lagging replica, a routing slip) may well answer the next poll. A Failed here would make the
                // core buy it again; a failed poll lets it keep polling until its deadline.
                throw new VideoGenerationException(ProviderFault.UNAVAILABLE, failure.getMessage()
                        + "; the ticket is unknown right now, which is a failed poll, not a failed generation", failure);
            }
            throw failure.forGenerator();
        }
    }

    @Override
    public InputStream openVideo(GenerationStatus.Ready ready) {
        try {
            return downloads.open(ready.location());
        } catch (XaiFailure failure) {
            throw failure.forGenerator();
        }
    }

    @Override
    public PollingPolicy pollingPolicy() {
        return new PollingPolicy(config.pollInterval(), config.generationTimeout());
    }

    /** A 200 means the job exists and is billed; an answer without a usable id cannot be polled. */
    private GenerationTicket ticketFrom(XaiClient.Answer answer) {
        JsonNode id = client.parseObject(Endpoint.VIDEO, answer.body()).path("request_id");
        if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > 512) {
            throw XaiFailure.invalidResponse(Endpoint.VIDEO, "the answer to a submission has no usable request_id");
        }
        return new GenerationTicket(id.asText());
    }

    private static void logFinished(GenerationTicket ticket, GenerationStatus status) {
        switch (status) {
            case GenerationStatus.Pending pending -> { }
            case GenerationStatus.Ready ready -> LOG.log(System.Logger.Level.INFO,
                    "generation {0} is ready; it cost {1} USD ({2})", ticket, ready.spend().usd(), ready.spend().model());
            case GenerationStatus.Blocked blocked -> LOG.log(System.Logger.Level.INFO,
                    "generation {0} was blocked by moderation; it cost {1} USD", ticket, blocked.spend().usd());
            case GenerationStatus.Failed failed -> LOG.log(System.Logger.Level.WARNING,
                    "generation {0} failed ({1}: {2}); transient {3}, expired {4}, cost {5} USD", ticket, failed.code(),
                    failed.message(), failed.transientFailure(), failed.expired(), failed.spend().usd());
        }
    }

    @Override
    public String toString() {
        return "GrokVideoGenerator[" + config.videoModel() + "]";
    }
}
