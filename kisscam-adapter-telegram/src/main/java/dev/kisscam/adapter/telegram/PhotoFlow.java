package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.in.RestyleOutcome;
import dev.kisscam.core.port.out.JobRef;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * From photos in a chat to a job: a status message first (its address goes with the job, so the core's
 * news about it edit that message), then the core's intake, then what to say about its answer. Photos that
 * cannot go on yet are kept by file id and go on by themselves when they can, without being sent again:
 * all that came before the user's consent once it is given, and those that came while the user's previous
 * video was still being made once it is done. None is dropped without a word to the user.
 */
final class PhotoFlow {
    private static final System.Logger LOG = System.getLogger(PhotoFlow.class.getName());
    private static final int MAX_PHOTOS = 2;

    private final PhotoIntake intake;
    private final JobControl control;
    private final Consent consent;
    private final TelegramFiles files;
    private final StatusBoard board;
    private final TelegramDelivery delivery;
    private final Replies replies;
    private final ChatLanes lanes;
    private final KeptPhotos awaitingConsent;
    private final KeptPhotos awaitingTurn;

    PhotoFlow(CorePorts core, TelegramFiles files, StatusBoard board, TelegramDelivery delivery, Replies replies,
              ChatLanes lanes, KeptPhotos awaitingConsent, KeptPhotos awaitingTurn) {
        this.intake = core.intake();
        this.control = core.control();
        this.consent = core.consent();
        this.files = files;
        this.board = board;
        this.delivery = delivery;
        this.replies = replies;
        this.lanes = lanes;
        this.awaitingConsent = awaitingConsent;
        this.awaitingTurn = awaitingTurn;
    }

    /** One photo, or a complete album. */
    void submit(Asker asker, List<PhotoRef> photos) {
        if (photos.size() > MAX_PHOTOS) {
            replies.say(asker, Wording.refusal(asker.texts(), new Refusal.TooManyPhotos(photos.size(), MAX_PHOTOS)));
            return;
        }
        for (PhotoRef photo : photos) {
            if (photo.largerThan(files.maxBytes())) {
                replies.say(asker, Wording.refusal(asker.texts(),
                        new Refusal.PhotoTooLarge(photo.declaredSize().getAsLong(), files.maxBytes())));
                return;
            }
        }
        String received = photos.size() == 1 ? "status.received" : "status.receivedAlbum";
        Direction direction = PhotoRef.direction(photos);
        run(asker, received, photos, Optional.of(direction.style()), requester -> {
            List<IncomingPhoto> incoming = photos.stream()
                    .map(p -> new IncomingPhoto(files.source(p.fileId()), p.declaredSize(), p.declaredType()))
                    .toList();
            return intake.submit(requester, incoming, direction);
        });
    }

    /** The Retry button of a failed job: its stored photos go again, as a new job. */
    void retry(Asker asker, JobId failedJob) {
        run(asker, "status.retrying", List.of(), Optional.empty(), requester -> control.retry(requester, failedJob));
    }

    /**
     * A button under a delivered video: its photos again, as a new job that costs quota, in the same style or
     * in {@code style}.
     */
    void anotherTake(Asker asker, JobId delivered, Optional<VideoStyle> style) {
        Optional<VideoStyle> madeIn = style.or(() -> delivery.styles().of(delivered));
        run(asker, "status.anotherTake", List.of(), madeIn,
                requester -> control.anotherTake(requester, delivered, style));
    }

    /** A style button of a waiting job: the core decides whether it may still change; the answer says what became of it. */
    String restyle(Asker asker, int statusMessage, JobId job, VideoStyle style) {
        Texts texts = asker.texts();
        return switch (control.restyle(asker.requester().id(), job, style)) {
            case RestyleOutcome.Restyled restyled -> {
                Requester at = ReplyAddress.requester(asker.user(),
                        ReplyAddress.chat(asker.chatId()).withStatusMessage(statusMessage));
                delivery.restyled(new JobRef(job, at), restyled.style());
                yield texts.get("restyle.done", delivery.styles().label(texts, restyled.style()));
            }
            case RestyleOutcome.TooLate late -> texts.get("restyle.tooLate");
            case RestyleOutcome.UnknownStyle unknown -> texts.get("restyle.unknown");
            case RestyleOutcome.NoSuchJob none -> texts.get("callback.expired");
        };
    }

    /**
     * The consent button: recorded, and every photo kept until it goes on, in the order they came, each in its
     * own chat after what that chat is doing now. Returns whether any photo goes on.
     */
    boolean consented(Asker asker) {
        consent.giveConsent(asker.requester().id());
        List<KeptPhotos.Batch> waiting = awaitingConsent.take(asker.requester().id());
        resume(waiting);
        return !waiting.isEmpty();
    }

    /** Kept photos go on as if just sent: an album as an album, single photos one by one, so two of them pair up. */
    void resume(List<KeptPhotos.Batch> batches) {
        for (KeptPhotos.Batch batch : batches) {
            lanes.run(batch.asker().chatId(), () -> submit(batch.asker(), batch.photos()));
        }
    }

    /** {@code madeIn}: the style the job will be made in, when the bot knows it, for its buttons to mark. */
    private void run(Asker asker, String receivedKey, List<PhotoRef> photos, Optional<VideoStyle> madeIn,
            Function<Requester, IntakeOutcome> call) {
        StatusMessage status = board.open(asker.chatId(), Screen.of(asker.text(receivedKey)));
        Requester requester = asker.answeredAt(status);
        status.update(new StatusMessage.Step(StatusMessage.Phase.INTAKE, 0), Screen.of(asker.text("status.checking")));
        IntakeOutcome outcome;
        try {
            outcome = call.apply(requester);
        } catch (RuntimeException e) {
            conclude(status, Screen.of(asker.text("error.internal")));
            throw e;
        }
        switch (outcome) {
            case IntakeOutcome.JobAccepted accepted -> {
                var job = new JobRef(accepted.job(), requester);
                madeIn.ifPresent(style -> delivery.styles().chose(accepted.job(), style));
                status.update(StatusMessage.Step.queued(accepted.queuePosition()),
                        delivery.queued(asker.texts(), job, accepted.queuePosition()));
                if (accepted.replacedDraft()) {
                    replies.say(asker, asker.text("draft.replaced"));
                }
            }
            case IntakeOutcome.EarlierVideo earlier -> {
                // A message of its own: the video may be on its way already, and the status follows it.
                replies.say(asker, asker.text("status.earlierVideo"));
                if (earlier.replacedDraft()) {
                    replies.say(asker, asker.text("draft.replaced"));
                }
            }
            case IntakeOutcome.AwaitingSecondPhoto waiting -> conclude(status,
                    Screen.of(asker.text("draft.waiting", asker.texts().moment(waiting.expiresAt()))));
            case IntakeOutcome.Refused(Refusal.ConsentRequired required) -> {
                boolean kept = photos.isEmpty() || awaitingConsent.keep(new KeptPhotos.Batch(asker, photos));
                String question = kept ? asker.text("consent.question")
                        : asker.text("consent.full", awaitingConsent.perRequester());
                conclude(status, Screen.of(question,
                        new Screen.Button(asker.text("consent.button"), new CallbackData.GiveConsent())));
            }
            case IntakeOutcome.Refused(Refusal.JobAlreadyActive active) when !photos.isEmpty() -> {
                // Refused only for now (the video before may be handing over this very moment): kept, not lost.
                boolean kept = awaitingTurn.keep(new KeptPhotos.Batch(asker, photos));
                conclude(status, Screen.of(kept ? asker.text("turn.kept", photos.size())
                        : asker.text("turn.full", awaitingTurn.perRequester())));
            }
            case IntakeOutcome.Refused refused -> {
                LOG.log(System.Logger.Level.DEBUG, "{0} refused: {1}", requester.id(), refused.refusal());
                conclude(status, Screen.of(Wording.refusal(asker.texts(), refused.refusal())));
            }
        }
    }

    /** The photos made no job: the message's last word, and no one's status any more. */
    private void conclude(StatusMessage status, Screen screen) {
        status.conclude(screen);
        board.release(status);
    }
}
