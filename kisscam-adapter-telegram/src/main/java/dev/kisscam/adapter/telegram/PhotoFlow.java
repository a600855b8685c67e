package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.out.JobRef;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * From photos in a chat to a job: status message, the core's intake, and what to say about its answer. Photos
 * that wait for the user's consent are remembered by file id, so they go on without being sent again.
 */
final class PhotoFlow {
    private static final System.Logger LOG = System.getLogger(PhotoFlow.class.getName());
    private static final int MAX_PHOTOS = 2;

    private final PhotoIntake intake;
    private final JobControl control;
    private final Consent consent;
    private final TelegramFiles files;
    private final StatusBoard board;
    private final Replies replies;
    private final Map<RequesterId, List<PhotoRef>> awaitingConsent = new ConcurrentHashMap<>();

    PhotoFlow(PhotoIntake intake, JobControl control, Consent consent, TelegramFiles files, StatusBoard board,
              Replies replies) {
        this.intake = intake;
        this.control = control;
        this.consent = consent;
        this.files = files;
        this.board = board;
        this.replies = replies;
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
        run(asker, received, photos, () -> {
            List<IncomingPhoto> incoming = photos.stream()
                    .map(p -> new IncomingPhoto(files.source(p.fileId()), p.declaredSize(), p.declaredType()))
                    .toList();
            return incoming.size() == 1
                    ? intake.submit(asker.requester(), incoming.getFirst())
                    : intake.submitAlbum(asker.requester(), incoming);
        });
    }

    /** The Retry button of a failed job: its stored photos go again, as a new job. */
    void retry(Asker asker, JobId failedJob) {
        run(asker, "status.retrying", List.of(), () -> control.retry(asker.requester(), failedJob));
    }

    /** The consent button: remembered, and the photos that asked for it go on. */
    void consented(Asker asker) {
        consent.giveConsent(asker.requester().id());
        List<PhotoRef> waiting = awaitingConsent.remove(asker.requester().id());
        if (waiting != null) {
            submit(asker, waiting);
        }
    }

    private void run(Asker asker, String receivedKey, List<PhotoRef> photos, Supplier<IntakeOutcome> call) {
        RequesterId requester = asker.requester().id();
        StatusMessage status = board.intakeStarted(requester, asker.chatId());
        status.update(Screen.of(asker.text(receivedKey)));
        status.update(Screen.of(asker.text("status.checking")));
        IntakeOutcome outcome;
        try {
            outcome = call.get();
        } catch (RuntimeException e) {
            board.intakeEnded(requester, status);
            status.conclude(Screen.of(asker.text("error.internal")));
            throw e;
        }
        switch (outcome) {
            case IntakeOutcome.JobAccepted accepted -> {
                // Claims the status message for the job; the core's delivery calls fill it in.
                board.forJob(new JobRef(accepted.job(), asker.requester()));
                if (accepted.replacedDraft()) {
                    replies.say(asker, asker.text("draft.replaced"));
                }
            }
            case IntakeOutcome.AwaitingSecondPhoto waiting -> {
                board.intakeEnded(requester, status);
                status.conclude(Screen.of(asker.text("draft.waiting", asker.texts().moment(waiting.expiresAt()))));
            }
            case IntakeOutcome.Refused(Refusal.ConsentRequired required) -> {
                board.intakeEnded(requester, status);
                if (!photos.isEmpty()) {
                    awaitingConsent.put(requester, List.copyOf(photos));
                }
                status.conclude(Screen.of(asker.text("consent.question"),
                        new Screen.Button(asker.text("consent.button"), new CallbackData.GiveConsent())));
            }
            case IntakeOutcome.Refused refused -> {
                board.intakeEnded(requester, status);
                LOG.log(System.Logger.Level.DEBUG, "{0} refused: {1}", requester, refused.refusal());
                status.conclude(Screen.of(Wording.refusal(asker.texts(), refused.refusal())));
            }
        }
    }
}
