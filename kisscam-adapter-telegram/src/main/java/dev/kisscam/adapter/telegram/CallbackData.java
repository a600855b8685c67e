package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.VideoStyle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What an inline button asks for, packed into Telegram's callback data (at most 64 bytes). A button that acts
 * on a job names it, so a press acts on that job only; the core decides whether the presser may.
 */
sealed interface CallbackData {
    int MAX_BYTES = 64;

    record CancelJob(JobId job) implements CallbackData {
    }

    record RetryJob(JobId job) implements CallbackData {
    }

    record GiveConsent() implements CallbackData {
    }

    /** A style for a job that waits in line. */
    record Restyle(JobId job, VideoStyle style) implements CallbackData {
    }

    /** Another video of a delivered job's photos, in its style or in {@code style}. */
    record AnotherTake(JobId delivered, Optional<VideoStyle> style) implements CallbackData {
    }

    default String encode() {
        return switch (this) {
            case CancelJob c -> "c:" + c.job().value();
            case RetryJob r -> "r:" + r.job().value();
            case GiveConsent g -> "consent";
            case Restyle s -> "s:" + s.job().value() + ":" + s.style().id();
            case AnotherTake t -> "t:" + t.delivered().value() + t.style().map(s -> ":" + s.id()).orElse("");
        };
    }

    /** Whether the encoded form fits into a button; a job id of 63 or 64 characters would not. */
    default boolean fits() {
        return encode().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    /** What {@code data} asks for; empty for anything no button of this bot sends (forged, garbled, too old a format). */
    static Optional<CallbackData> parse(String data) {
        if (data == null || data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            if (data.equals("consent")) {
                return Optional.of(new GiveConsent());
            }
            if (data.startsWith("c:")) {
                return Optional.of(new CancelJob(new JobId(data.substring(2))));
            }
            if (data.startsWith("r:")) {
                return Optional.of(new RetryJob(new JobId(data.substring(2))));
            }
            if (data.startsWith("s:")) {
                String[] parts = data.substring(2).split(":", -1);
                return parts.length == 2
                        ? Optional.of(new Restyle(new JobId(parts[0]), new VideoStyle(parts[1])))
                        : Optional.empty();
            }
            if (data.startsWith("t:")) {
                String[] parts = data.substring(2).split(":", -1);
                return switch (parts.length) {
                    case 1 -> Optional.of(new AnotherTake(new JobId(parts[0]), Optional.empty()));
                    case 2 -> Optional.of(new AnotherTake(new JobId(parts[0]), Optional.of(new VideoStyle(parts[1]))));
                    default -> Optional.empty();
                };
            }
        } catch (IllegalArgumentException notAJobIdOrStyle) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
