package dev.kisscam.adapter.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.VideoStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The style buttons under a job's messages, and the style each job of this process is made in as far as the
 * bot knows (what it asked for, then what a press changed), so the buttons mark the current one. The core
 * stays the authority: after a restart the bot knows no job's style and marks none, and a press still asks
 * the core, which decides.
 */
final class StyleChoices {
    private static final Duration REMEMBER = Duration.ofDays(1);
    private static final int MAX_JOBS = 100_000;
    private static final int PER_ROW = 2;

    private final StyleLabels labels;
    private final Cache<JobId, VideoStyle> chosen = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBER).maximumSize(MAX_JOBS).build();

    StyleChoices(StyleLabels labels) {
        this.labels = labels;
    }

    StyleLabels labels() {
        return labels;
    }

    /** The job is made in {@code style}; the core's default stands for its first style. */
    void chose(JobId job, VideoStyle style) {
        chosen.put(job, style.equals(VideoStyle.DEFAULT) ? labels.defaultStyle() : style);
    }

    Optional<VideoStyle> of(JobId job) {
        return Optional.ofNullable(chosen.getIfPresent(job));
    }

    String label(Texts texts, VideoStyle style) {
        return labels.label(style, texts.locale());
    }

    /** One button per offered style that restyles the waiting job; the current one marked. */
    List<List<Screen.Button>> restyleRows(Texts texts, JobId job) {
        Optional<VideoStyle> current = of(job);
        return rows(labels.offered().stream().map(style -> new Screen.Button(
                (current.filter(style::equals).isPresent() ? "✓ " : "") + label(texts, style),
                new CallbackData.Restyle(job, style))).toList());
    }

    /** Under a delivered video: another take as it was, then one per offered style. */
    List<List<Screen.Button>> takeRows(Texts texts, JobId delivered) {
        var rows = new ArrayList<List<Screen.Button>>();
        rows.add(List.of(new Screen.Button(texts.get("button.anotherTake"),
                new CallbackData.AnotherTake(delivered, Optional.empty()))));
        rows.addAll(rows(labels.offered().stream().map(style -> new Screen.Button(
                texts.get("button.takeIn", label(texts, style)),
                new CallbackData.AnotherTake(delivered, Optional.of(style)))).toList()));
        return List.copyOf(rows);
    }

    private static List<List<Screen.Button>> rows(List<Screen.Button> buttons) {
        var rows = new ArrayList<List<Screen.Button>>();
        for (int i = 0; i < buttons.size(); i += PER_ROW) {
            rows.add(buttons.subList(i, Math.min(buttons.size(), i + PER_ROW)));
        }
        return rows;
    }
}
