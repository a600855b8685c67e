package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.Refusal;

/** Puts the core's refusals and failures into a user's words. Keys follow the type names, one per case. */
final class Wording {
    private Wording() {
    }

    static String refusalKey(Class<? extends Refusal> type) {
        return "refusal." + type.getSimpleName();
    }

    static String failureKey(FailureCode code) {
        return "failure." + code.name();
    }

    static String refusal(Texts texts, Refusal refusal) {
        String key = refusalKey(refusal.getClass());
        return switch (refusal) {
            case Refusal.UnsupportedFormat r -> texts.get(key, r.detected());
            case Refusal.PhotoTooLarge r -> texts.get(key, Texts.megabytes(r.limitBytes()));
            case Refusal.PhotoTooSmall r -> texts.get(key, r.minShortSide());
            case Refusal.PhotoTooManyPixels r -> texts.get(key, r.dimensions().toString());
            case Refusal.PhotoUnreadable r -> texts.get(key);
            case Refusal.NoPeople r -> texts.get(key);
            case Refusal.TooManyPeople r -> texts.get(key, r.people());
            case Refusal.LooksUnderage r -> texts.get(key);
            case Refusal.TooManyPhotos r -> texts.get(key, r.maxPhotos());
            case Refusal.NeedOnePersonPerPhoto r -> texts.get(key,
                    String.join(", ", r.peoplePerPhoto().stream().map(String::valueOf).toList()));
            case Refusal.QuotaExhausted r -> texts.get(key, r.limit(), texts.moment(r.resetsAt()));
            case Refusal.DailyBudgetReached r -> texts.get(key, texts.moment(r.reopensAt()));
            case Refusal.TooManyRefusedPhotos r -> texts.get(key, r.limit(), texts.moment(r.resetsAt()));
            case Refusal.JobAlreadyActive r -> texts.get(key);
            case Refusal.ConsentRequired r -> texts.get(key);
            case Refusal.NotRetryable r -> texts.get(key);
            case Refusal.ServiceUnavailable r -> texts.get(key);
            case Refusal.WishNotAllowed r -> texts.get(key, texts.get("wishTopic." + r.topic().name()));
            case Refusal.UnknownStyle r -> texts.get(key, r.style().id());
        };
    }

    static String failure(Texts texts, Failure failure) {
        String text = texts.get(failureKey(failure.code()));
        return failure.retryable() ? text + "\n" + texts.get("failure.retryHint") : text;
    }

    /** {@code ▓▓▓▓░░░░ 50 %}: eight cells, so small steps still move the bar. */
    static String progressBar(int percent) {
        int clamped = Math.max(0, Math.min(100, percent));
        int filled = Math.round(clamped * 8 / 100f);
        return "▓".repeat(filled) + "░".repeat(8 - filled) + " " + clamped + " %";
    }
}
