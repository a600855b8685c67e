package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Grok Imagine video: one photo of both goes as {@code image} (image-to-video, its first frame); two photos of
 * one person each go as two {@code reference_images} (reference-to-video), or, with
 * {@link GrokConfig.TwoPhotoMode#COLLAGE}, side by side as one {@code image}. The prompt is {@link KissPrompt}'s
 * in the job's style. Reads a poll's answer and opens the finished MP4; the core runs the polling loop with
 * {@link #pollingPolicy()}. Estimates a job's cost from {@link VideoModel}'s price list and says when the
 * reported cost is far from it.
 */
final class GrokVideoGenerator implements VideoGenerator {
    private static final System.Logger LOG = System.getLogger(GrokVideoGenerator.class.getName());
    /** A reported cost further than this from the estimate (either way) is worth an operator's look. */
    static final double ESTIMATE_TOLERANCE = 0.25;
    /** Tickets remembered for comparing cost with estimate: far more than generations run at once. */
    private static final int REMEMBERED_TICKETS = 10_000;

    private final XaiClient client;
    private final ImagePreparation images;
    private final VideoDownload downloads;
    private final RequesterHash users;
    private final GrokConfig config;
    private final Map<GenerationTicket, Submitted> submitted = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<GenerationTicket, Submitted> eldest) {
            return size() > REMEMBERED_TICKETS;
        }
    };

    /** What a ticket was submitted as, and what it was expected to cost. */
    private record Submitted(Shot shot, Spend estimate) {
    }

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
        Shot shot = Shot.of(config, request);
        String prompt = KissPrompt.of(shot.subject(), styleWords(request), request.direction().wish());
        if (!shot.clamped().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "job {0}: {1} clamped for two reference photos (xAI takes at most {2} s"
                    + " and {3} with reference images)", request.job(), String.join(" and ", shot.clamped()),
                    GrokConfig.REFERENCE_MAX_DURATION_SECONDS, GrokConfig.REFERENCE_MAX_RESOLUTION);
        }
        JsonWithPictures.Builder submission = JsonWithPictures.builder(client.json());
        ObjectNode body = client.json().createObjectNode()
                .put("model", config.videoModel())
                .put("prompt", prompt);
        List<JpegImage> pictures = pictures(request, shot, media);
        if (shot.references()) {
            ArrayNode references = body.putArray("reference_images");
            pictures.forEach(picture -> references.addObject().put("url", submission.picture(picture)));
        } else {
            body.putObject("image").put("url", submission.picture(pictures.getFirst()));
        }
        body.put("duration", shot.durationSeconds())
                .put("aspect_ratio", aspectRatio(pictures).wireValue())
                .put("resolution", shot.resolution())
                .put("generate_audio", config.generateAudio())
                .put("user", users.of(request.requester()));
        Spend estimate = shot.price(config.model());
        try {
            GenerationTicket ticket = ticketFrom(client.submit("videos/generations", submission.build(body)));
            synchronized (submitted) {
                submitted.put(ticket, new Submitted(shot, estimate));
            }
            LOG.log(System.Logger.Level.INFO, "job {0} submitted to {1} as {2} ({3}, {4} s at {5}, {6} image(s));"
                    + " estimated {7} USD", request.job(), config.videoModel(), ticket, body.get("aspect_ratio").asText(),
                    shot.durationSeconds(), shot.resolution(), shot.inputImages(), estimate.usd());
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

    /** The list price of what {@link #submit} would ask for: the model, length, resolution and images it sends. */
    @Override
    public Optional<Spend> estimate(GenerationRequest request) {
        return Optional.of(Shot.of(config, request).price(config.model()));
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        try {
            Submitted known;
            synchronized (submitted) {
                known = submitted.get(ticket);
            }
            GenerationStatus status = VideoStatusAnswer.read(client.get(Endpoint.VIDEO, "videos", ticket.value()),
                    client, config.videoModel(), known == null ? Shot.asConfigured(config) : known.shot());
            logFinished(ticket, status);
            if (!(status instanceof GenerationStatus.Pending)) {
                synchronized (submitted) {
                    submitted.remove(ticket);
                }
                if (known != null) {
                    compareWithEstimate(ticket, status, known.estimate());
                }
            }
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

    private String styleWords(GenerationRequest request) {
        VideoStyle style = request.direction().style();
        // The core turns "no choice" into its first style at intake; a request made without the core may still carry it.
        String id = (style.equals(VideoStyle.DEFAULT) ? VideoStyle.GENTLE : style).id();
        String words = config.stylePrompts().get(id);
        if (words == null) {
            // The configuration is checked against the core's styles at start; this is a style from elsewhere.
            throw new VideoGenerationException(ProviderFault.REJECTED_INPUT, "the style '" + id
                    + "' has no prompt in the Grok adapter's table (" + String.join(", ", config.stylePrompts().keySet())
                    + ")");
        }
        return words;
    }

    private List<JpegImage> pictures(GenerationRequest request, Shot shot, MediaReader media) {
        try {
            return shot.references()
                    ? request.photos().stream().map(photo -> images.single(photo.photo(), media)).toList()
                    : List.of(images.forVideo(request.photos(), media));
        } catch (PhotoNotPrepared e) {
            throw new VideoGenerationException(e.fault(), e.getMessage(), e);
        }
    }

    /**
     * The picture's own ratio; for reference images, none of which is a frame, that of the portraits side by
     * side at one height, which leaves room for both people.
     */
    private static AspectRatio aspectRatio(List<JpegImage> pictures) {
        double width = pictures.stream().mapToDouble(p -> p.width() / (double) p.height()).sum();
        return AspectRatio.closestTo((int) Math.round(width * 1000), 1000);
    }

    private static void compareWithEstimate(GenerationTicket ticket, GenerationStatus status, Spend estimate) {
        Spend spend = switch (status) {
            case GenerationStatus.Pending pending -> null;
            case GenerationStatus.Ready ready -> ready.spend();
            case GenerationStatus.Blocked blocked -> blocked.spend();
            case GenerationStatus.Failed failed -> failed.spend();
        };
        if (spend == null || spend.usdTicks() == 0 || estimate.usdTicks() == 0) {
            return;
        }
        double ratio = spend.usdTicks() / (double) estimate.usdTicks();
        if (Math.abs(ratio - 1) > ESTIMATE_TOLERANCE) {
            LOG.log(System.Logger.Level.WARNING, "generation {0} cost {1} USD ({2}), {3}% of the {4} USD estimated for {5};"
                    + " the price list in the Grok adapter may be out of date", ticket, spend.usd(), spend.model(),
                    Math.round(ratio * 100), estimate.usd(), estimate.model());
        }
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
