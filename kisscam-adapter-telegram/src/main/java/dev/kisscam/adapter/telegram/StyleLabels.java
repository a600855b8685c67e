package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.VideoStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The styles the bot offers, in the core's order, and what each is called in a user's language: the
 * operator's own label for that language first, then the bundle's {@code style.<id>}, then the id made
 * readable ({@code hug-then-kiss} → "Hug then kiss"), so a style the operator adds always has a label.
 */
public final class StyleLabels {
    private final List<VideoStyle> offered;
    private final Map<VideoStyle, Map<String, String>> operatorLabels;

    /**
     * @param offered        the styles the core offers, its default first ({@code KisscamSettings.styles()})
     * @param operatorLabels labels by style and language code ({@code "en"}, {@code "ru"}); may be empty
     */
    public StyleLabels(List<VideoStyle> offered, Map<VideoStyle, Map<String, String>> operatorLabels) {
        this.offered = List.copyOf(offered);
        if (this.offered.isEmpty()) {
            throw new IllegalArgumentException("the bot offers at least one style");
        }
        this.operatorLabels = operatorLabels.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    }

    /** The offered styles with the bundle's labels only. */
    public static StyleLabels of(List<VideoStyle> offered) {
        return new StyleLabels(offered, Map.of());
    }

    List<VideoStyle> offered() {
        return offered;
    }

    /** The style a job gets when its requester chose none: the core's first. */
    VideoStyle defaultStyle() {
        return offered.getFirst();
    }

    boolean offers(VideoStyle style) {
        return offered.contains(style);
    }

    String label(VideoStyle style, Locale locale) {
        Objects.requireNonNull(style, "style");
        String operators = operatorLabels.getOrDefault(style, Map.of()).get(locale.getLanguage());
        if (operators != null && !operators.isBlank()) {
            return operators.strip();
        }
        return Texts.of(locale).find("style." + style.id()).orElseGet(() -> readable(style));
    }

    static String readable(VideoStyle style) {
        String words = style.id().replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
