package dev.kisscam.app.cli;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.Refusal;

/** What the command line tells its user about a refusal or a failure, in plain English. */
final class Explanations {
    private Explanations() {
    }

    static String of(Refusal refusal) {
        return switch (refusal) {
            case Refusal.UnsupportedFormat r -> "the file is " + r.detected() + ", not a photo: use JPEG, PNG or WebP";
            case Refusal.PhotoTooLarge r -> "the photo is larger than " + r.limitBytes() / (1024 * 1024) + " MB";
            case Refusal.PhotoTooSmall r -> "the photo is too small (" + r.dimensions() + "); it needs at least "
                    + r.minShortSide() + " px on its short side";
            case Refusal.PhotoTooManyPixels r -> "the photo is too large (" + r.dimensions() + "); at most "
                    + r.maxPixels() / 1_000_000 + " megapixels";
            case Refusal.PhotoUnreadable r -> "the photo could not be read: " + r.why();
            case Refusal.NoPeople r -> "no person is clearly visible in the photo";
            case Refusal.TooManyPeople r -> "the photo shows " + r.people() + " people; it must show exactly two";
            case Refusal.LooksUnderage r -> "someone in the photos looks under 18; this is only for adults";
            case Refusal.TooManyPhotos r -> "give at most " + r.maxPhotos() + " photos, not " + r.photos();
            case Refusal.NeedOnePersonPerPhoto r -> "two photos must show one person each; they showed " + r.peoplePerPhoto();
            case Refusal.QuotaExhausted r -> "the limit of " + r.limit() + " videos is reached until " + r.resetsAt();
            case Refusal.DailyBudgetReached r -> "the service's budget for today is spent; it takes new videos again at "
                    + r.reopensAt();
            case Refusal.TooManyRefusedPhotos r -> r.limit() + " photos were refused for what they showed;"
                    + " more are taken after " + r.resetsAt();
            case Refusal.JobAlreadyActive r -> "another video is being made (" + r.activeJob() + ")";
            case Refusal.ConsentRequired r -> "confirm that everyone in the photos is an adult who agreed to this";
            case Refusal.NotRetryable r -> "this cannot be retried: " + r.why();
            case Refusal.ServiceUnavailable r -> switch (r.code()) {
                case SERVICE_NOT_AVAILABLE -> "xAI refuses our calls: check GROK_API_KEY and the team's credits";
                default -> "xAI cannot be reached or is busy; try again in a few minutes";
            };
            case Refusal.WishNotAllowed r -> "the wish asks for " + switch (r.topic()) {
                case NUDITY -> "nudity";
                case VIOLENCE -> "violence or weapons";
                case MINORS -> "children";
            } + ", which is never made; change or leave out --wish";
            case Refusal.UnknownStyle r -> "there is no style \"" + r.style() + "\"; `kisscam styles` lists them";
        };
    }

    static String of(Failure failure) {
        String what = switch (failure.code()) {
            case MODERATION_BLOCKED -> "the video was blocked by the provider's moderation";
            case GENERATION_FAILED -> "the provider could not make the video";
            case GENERATION_EXPIRED -> "the provider let the generation expire";
            case GENERATION_TIMED_OUT -> "the provider did not finish in time";
            case SERVICE_BUSY -> "xAI cannot be reached or is busy; try again in a few minutes";
            case SERVICE_NOT_AVAILABLE -> "xAI refuses our calls: check GROK_API_KEY and the team's credits";
            case SUBMISSION_UNCONFIRMED -> "the provider did not confirm the request; not sent again to avoid paying twice";
            case INTERRUPTED -> "the program stopped while sending the request";
            case STORAGE_FAILED -> "storing the photos or the video failed";
            case DELIVERY_FAILED -> "the video could not be written";
            case INTERNAL_ERROR -> "something went wrong inside the program";
        };
        return what + " [" + failure.detail() + "]";
    }
}
