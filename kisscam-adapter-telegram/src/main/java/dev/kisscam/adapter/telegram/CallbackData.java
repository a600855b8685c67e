package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What an inline button asks for, packed into Telegram's callback data (at most 64 bytes). */
sealed interface CallbackData {
    int MAX_BYTES = 64;

    record CancelJob(JobId job) implements CallbackData {
    }

    record RetryJob(JobId job) implements CallbackData {
    }

    record GiveConsent() implements CallbackData {
    }

    default String encode() {
        return switch (this) {
            case CancelJob c -> "c:" + c.job().value();
            case RetryJob r -> "r:" + r.job().value();
            case GiveConsent g -> "consent";
        };
    }

    /** Whether the encoded form fits into a button; a job id of 63 or 64 characters would not. */
    default boolean fits() {
        return encode().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    static Optional<CallbackData> parse(String data) {
        if (data == null) {
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
        } catch (IllegalArgumentException notAJobId) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
