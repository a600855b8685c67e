package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * What one submission asks xAI for: how the photos go (and so who the prompt names), how many images are sent,
 * and the video's length and resolution once the limits of that mode apply. Two reference images allow at most
 * {@value GrokConfig#REFERENCE_MAX_DURATION_SECONDS} s and {@value GrokConfig#REFERENCE_MAX_RESOLUTION}; a longer
 * or sharper configuration is clamped for such a job, and {@link #clamped} says what was.
 */
record Shot(KissPrompt.Subject subject, int inputImages, int durationSeconds, String resolution, List<String> clamped) {
    Shot {
        clamped = List.copyOf(clamped);
    }

    static Shot of(GrokConfig config, GenerationRequest request) {
        if (request.photos().size() == 1) {
            return unclamped(KissPrompt.Subject.ONE_PHOTO, 1, config);
        }
        if (config.twoPhotoMode() == GrokConfig.TwoPhotoMode.COLLAGE) {
            return unclamped(KissPrompt.Subject.SIDE_BY_SIDE, 1, config);
        }
        var clamped = new ArrayList<String>();
        int duration = config.durationSeconds();
        if (duration > GrokConfig.REFERENCE_MAX_DURATION_SECONDS) {
            clamped.add("duration " + duration + " s to " + GrokConfig.REFERENCE_MAX_DURATION_SECONDS + " s");
            duration = GrokConfig.REFERENCE_MAX_DURATION_SECONDS;
        }
        String resolution = config.resolution();
        if (GrokConfig.RESOLUTIONS.indexOf(resolution) > GrokConfig.RESOLUTIONS.indexOf(GrokConfig.REFERENCE_MAX_RESOLUTION)) {
            clamped.add("resolution " + resolution + " to " + GrokConfig.REFERENCE_MAX_RESOLUTION);
            resolution = GrokConfig.REFERENCE_MAX_RESOLUTION;
        }
        return new Shot(KissPrompt.Subject.REFERENCES, request.photos().size(), duration, resolution, clamped);
    }

    /** What a ticket this process did not submit (one from before a restart) most likely asked for. */
    static Shot asConfigured(GrokConfig config) {
        return unclamped(KissPrompt.Subject.ONE_PHOTO, 1, config);
    }

    boolean references() {
        return subject == KissPrompt.Subject.REFERENCES;
    }

    /** What this shot costs on {@code model}'s price list. */
    Spend price(VideoModel model) {
        return model.price(resolution, durationSeconds, inputImages);
    }

    private static Shot unclamped(KissPrompt.Subject subject, int images, GrokConfig config) {
        return new Shot(subject, images, config.durationSeconds(), config.resolution(), List.of());
    }
}
