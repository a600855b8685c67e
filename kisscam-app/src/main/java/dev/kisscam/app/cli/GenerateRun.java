package dev.kisscam.app.cli;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import dev.kisscam.core.port.in.CancelOutcome;
import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.in.IntakeOutcome;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;

/**
 * One {@code kisscam generate} run against the core: submit the photos, follow the job, write the video.
 * Exit codes: 0 written, 3 refused for what the photos or the wish show, 4 the provider could not make it (or
 * cannot be reached), 2 bad arguments (a style the core does not offer, three photos), 1 anything else.
 */
final class GenerateRun {
    static final int WRITTEN = 0;
    static final int REFUSED = 3;
    static final int FAILED = 4;
    static final int BAD_ARGUMENTS = 2;
    static final int OTHER = 1;

    private final PhotoIntake intake;
    private final JobControl control;
    private final Consent consent;
    private final TerminalDelivery delivery;
    private final PrintStream terminal;

    GenerateRun(PhotoIntake intake, JobControl control, Consent consent, TerminalDelivery delivery, PrintStream terminal) {
        this.intake = intake;
        this.control = control;
        this.consent = consent;
        this.delivery = delivery;
        this.terminal = terminal;
    }

    static Requester localUser() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9_.-]", "_");
        return new Requester(new RequesterId("cli:" + user), "terminal", Locale.ENGLISH);
    }

    /**
     * How the video should be made: {@code style} (null for the core's first, its default) and the wish in
     * {@code wish} (null or blank for none). Empty, after telling {@code errors} which styles there are, when
     * the core offers no such style.
     */
    static Optional<Direction> direction(String style, String wish, List<VideoStyle> offered, PrintStream errors) {
        Optional<VideoStyle> chosen = style == null ? Optional.of(offered.getFirst()) : offeredStyle(style, offered);
        if (chosen.isEmpty()) {
            errors.println("kisscam: there is no style \"" + style + "\"; choose one of: "
                    + String.join(", ", offered.stream().map(VideoStyle::id).toList()) + ".");
            return Optional.empty();
        }
        return Optional.of(new Direction(chosen.get(), Wish.from(wish)));
    }

    private static Optional<VideoStyle> offeredStyle(String id, List<VideoStyle> offered) {
        return offered.stream().filter(s -> s.id().equals(id.strip().toLowerCase(Locale.ROOT))).findFirst();
    }

    int run(List<Path> photos) throws InterruptedException {
        return run(photos, Direction.DEFAULT);
    }

    int run(List<Path> photos, Direction direction) throws InterruptedException {
        Requester requester = localUser();
        terminal.println("By generating you confirm that everyone in the photos is an adult who agreed to this.");
        consent.giveConsent(requester.id());
        List<IncomingPhoto> incoming = photos.stream().map(GenerateRun::fromFile).toList();
        if (direction.saysAnything()) {
            terminal.println("Style: " + (direction.style().equals(VideoStyle.DEFAULT) ? "the default" : direction.style())
                    + direction.wish().map(w -> "; wish: \u201c" + w.text() + "\u201d").orElse("") + ".");
        }
        IntakeOutcome outcome = intake.submit(requester, incoming, direction);
        return switch (outcome) {
            case IntakeOutcome.Refused refused -> {
                terminal.println("Refused: " + Explanations.of(refused.refusal()) + ".");
                yield exitStatus(refused.refusal());
            }
            case IntakeOutcome.AwaitingSecondPhoto waiting -> {
                control.cancel(requester.id());
                terminal.println("Refused: the photo shows one person; give a second photo of the other person too.");
                yield REFUSED;
            }
            case IntakeOutcome.JobAccepted accepted -> {
                terminal.println(accepted.queuePosition() == 0 ? "Photos accepted; starting."
                        : "Photos accepted; in queue #" + accepted.queuePosition() + ".");
                yield follow(requester, accepted.job());
            }
            case IntakeOutcome.EarlierVideo earlier -> {
                terminal.println("These photos made a video a moment ago; writing that one again.");
                yield follow(requester, earlier.job());
            }
        };
    }

    /**
     * 3 only for what the photos (or the wish) show; the provider's trouble is 4, as when it fails a job; what a
     * user of the command line cannot meet (a quota, a second job, consent) is 1.
     */
    static int exitStatus(Refusal refusal) {
        return switch (refusal) {
            case Refusal.UnsupportedFormat r -> REFUSED;
            case Refusal.PhotoTooLarge r -> REFUSED;
            case Refusal.PhotoTooSmall r -> REFUSED;
            case Refusal.PhotoTooManyPixels r -> REFUSED;
            case Refusal.PhotoUnreadable r -> REFUSED;
            case Refusal.NoPeople r -> REFUSED;
            case Refusal.TooManyPeople r -> REFUSED;
            case Refusal.LooksUnderage r -> REFUSED;
            case Refusal.NeedOnePersonPerPhoto r -> REFUSED;
            case Refusal.WishNotAllowed r -> REFUSED;
            case Refusal.TooManyPhotos r -> BAD_ARGUMENTS;
            case Refusal.UnknownStyle r -> BAD_ARGUMENTS;
            case Refusal.ServiceUnavailable r -> FAILED;
            case Refusal.DailyBudgetReached r -> FAILED;
            case Refusal.QuotaExhausted r -> OTHER;
            case Refusal.TooManyRefusedPhotos r -> OTHER;
            case Refusal.JobAlreadyActive r -> OTHER;
            case Refusal.ConsentRequired r -> OTHER;
            case Refusal.NotRetryable r -> OTHER;
        };
    }

    private int follow(Requester requester, JobId job) throws InterruptedException {
        try {
            return switch (delivery.outcome().get()) {
                case TerminalDelivery.Written written -> WRITTEN;
                case TerminalDelivery.Failed failed -> {
                    terminal.println("Failed: " + Explanations.of(failed.failure()) + ".");
                    yield FAILED;
                }
                case TerminalDelivery.Cancelled cancelled -> {
                    terminal.println("Cancelled.");
                    yield OTHER;
                }
            };
        } catch (InterruptedException e) {
            if (control.cancel(requester.id()) instanceof CancelOutcome.Cancelled) {
                terminal.println("Interrupted; job " + job + " cancelled.");
            }
            throw e;
        } catch (ExecutionException e) {
            terminal.println("Failed: " + e.getCause().getMessage());
            return OTHER;
        }
    }

    private static IncomingPhoto fromFile(Path file) {
        OptionalLong size;
        try {
            size = OptionalLong.of(Files.size(file));
        } catch (java.io.IOException e) {
            size = OptionalLong.empty();
        }
        return new IncomingPhoto(() -> Files.newInputStream(file), size, file.getFileName().toString());
    }
}
