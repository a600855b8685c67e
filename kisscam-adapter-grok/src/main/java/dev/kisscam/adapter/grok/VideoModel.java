package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.Spend;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Grok Imagine video model: the resolutions it offers and its public price list (USD per second of video at
 * each resolution, and per input image). The answer's {@code usage.cost_in_usd_ticks} stays the authority;
 * these prices estimate a job before it is paid and price an answer that does not say what it cost.
 */
record VideoModel(String name, Map<String, BigDecimal> usdPerSecond, BigDecimal usdPerInputImage) {
    /** What the reference notes on xAI list; 1.5-lite is a quarter of 1.5's per-second prices, its images as 1.5's. */
    static final Map<String, VideoModel> KNOWN = byName(
            new VideoModel("grok-imagine-video", prices("480p", "0.05", "720p", "0.07"), new BigDecimal("0.002")),
            new VideoModel("grok-imagine-video-1.5",
                    prices("480p", "0.08", "720p", "0.14", "1080p", "0.25"), new BigDecimal("0.01")),
            new VideoModel("grok-imagine-video-1.5-lite", prices("480p", "0.02", "720p", "0.035"), new BigDecimal("0.01")));

    VideoModel {
        usdPerSecond = Collections.unmodifiableMap(new LinkedHashMap<>(usdPerSecond));
    }

    static Optional<VideoModel> named(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    /** The resolutions the model offers, lowest first. */
    List<String> resolutions() {
        return List.copyOf(usdPerSecond.keySet());
    }

    boolean offers(String resolution) {
        return usdPerSecond.containsKey(resolution);
    }

    /** What {@code seconds} of video at {@code resolution} made from {@code inputImages} images cost by the list. */
    Spend price(String resolution, int seconds, int inputImages) {
        BigDecimal perSecond = usdPerSecond.get(resolution);
        if (perSecond == null) {
            throw new IllegalArgumentException(name + " offers no " + resolution);
        }
        BigDecimal usd = perSecond.multiply(BigDecimal.valueOf(seconds))
                .add(usdPerInputImage.multiply(BigDecimal.valueOf(inputImages)));
        return new Spend(name, usd.multiply(BigDecimal.valueOf(Spend.TICKS_PER_USD)).setScale(0, RoundingMode.HALF_UP)
                .longValueExact());
    }

    private static Map<String, BigDecimal> prices(String... resolutionThenUsd) {
        var prices = new LinkedHashMap<String, BigDecimal>();
        for (int i = 0; i < resolutionThenUsd.length; i += 2) {
            prices.put(resolutionThenUsd[i], new BigDecimal(resolutionThenUsd[i + 1]));
        }
        return prices;
    }

    private static Map<String, VideoModel> byName(VideoModel... models) {
        var known = new LinkedHashMap<String, VideoModel>();
        for (VideoModel model : models) {
            known.put(model.name(), model);
        }
        return Collections.unmodifiableMap(known);
    }
}
