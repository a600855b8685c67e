package dev.kisscam.adapter.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * One message that follows a job, edited in place. Its callers only say what it should show; the message
 * shows it on a thread of its own, so no caller ever waits for Telegram: not the job that hands over its
 * video, not the queue that tells a hundred jobs their place. Edits keep at least the configured interval
 * apart (Telegram limits edits per chat); a screen that comes while another waits replaces it, so only the
 * latest is shown; identical screens are not sent again.
 *
 * <p>While Telegram cannot be reached the latest screen waits and is tried again with a growing pause, for
 * as long as the patience allows: a job's last screen survives an outage, an intermediate one is replaced by
 * whatever comes after it. A screen Telegram refuses (a user who blocked the bot) is logged and dropped.
 *
 * <p>Steps only go forward: intake's answer ("third in line") and the job's own news ("generating") come from
 * different threads, and whichever is told last, the message never goes back to an earlier step. Once
 * concluded, only another conclusion changes it.
 */
final class StatusMessage {

    /** How far a job has come, in the order a user sees it; a step never replaces a later one. */
    enum Phase { INTAKE, QUEUED, GENERATING, SENDING }

    /** {@code step} orders updates within a phase: the check after the receipt, a better queue place, more percent. */
    record Step(Phase phase, int step) implements Comparable<Step> {
        static final Step FIRST = new Step(Phase.INTAKE, Integer.MIN_VALUE);

        static Step queued(int position) {
            return new Step(Phase.QUEUED, -position);
        }

        @Override
        public int compareTo(Step other) {
            int byPhase = phase.compareTo(other.phase);
            return byPhase != 0 ? byPhase : Integer.compare(step, other.step);
        }
    }

    /** What all status messages of one bot share. */
    record Shared(BotApi api, Pacer pacer, ScheduledExecutorService timers, Duration editInterval, Backoff retry,
                  Backlog backlog) {
    }

    /** How one attempt to show a screen ended, and which screen it was. */
    private sealed interface Attempt {
        Screen screen();

        record Shown(Screen screen, int messageId) implements Attempt {
        }

        record Refused(Screen screen, TelegramCallException failure) implements Attempt {
        }

        record Unreachable(Screen screen, TelegramCallException failure) implements Attempt {
        }
    }

    private static final System.Logger LOG = System.getLogger(StatusMessage.class.getName());

    private final Shared shared;
    private final long chatId;
    private final ReentrantLock lock = new ReentrantLock();

    private Integer messageId;
    private Step reached = Step.FIRST;
    private boolean concluded;
    private Screen shown;
    private Instant lastChange = Instant.MIN;
    /** The latest screen not shown yet, or null. */
    private Screen wanted;
    /** Whether a send is scheduled or under way; there is never more than one, so screens go out in order. */
    private boolean sending;
    private int failuresInARow;
    private Instant failingSince;

    /** {@code messageId}: the message shown already (after a restart, say), or null to send a new one. */
    StatusMessage(Shared shared, long chatId, Integer messageId) {
        this.shared = shared;
        this.chatId = chatId;
        this.messageId = messageId;
    }

    long chatId() {
        return chatId;
    }

    /** The chat, and the message once it has been sent. */
    ReplyAddress address() {
        lock.lock();
        try {
            return messageId == null ? ReplyAddress.chat(chatId) : ReplyAddress.chat(chatId).withStatusMessage(messageId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends a new message with its first screen and returns once Telegram has answered, so that its address
     * can go with a job. Only for a message nobody else knows yet; if it fails, a later screen tries again.
     */
    void sendFirst(Screen first) {
        lock.lock();
        try {
            if (messageId != null || sending) {
                throw new IllegalStateException("the first screen of a message is sent once, before any other");
            }
            settle(attempt(null, () -> first));
        } finally {
            lock.unlock();
        }
    }

    /** An intermediate step; ignored once the message has concluded or when it shows a later step already. */
    void update(Step step, Screen screen) {
        lock.lock();
        try {
            if (concluded || step.compareTo(reached) < 0) {
                return;
            }
            reached = step;
            want(screen);
        } finally {
            lock.unlock();
        }
    }

    /** The last word on the message (until the next conclusion): shown after every earlier screen, and never dropped. */
    void conclude(Screen screen) {
        lock.lock();
        try {
            concluded = true;
            want(screen);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void want(Screen screen) {
        wanted = screen;
        if (!sending) {
            sendLater(untilNextEdit());
        }
    }

    /** Under the lock. */
    private void sendLater(Duration delay) {
        if (!sending) {
            sending = true;
            shared.backlog().started();
        }
        try {
            shared.timers().schedule(() -> Thread.startVirtualThread(this::sendWanted), delay.toNanos(),
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            LOG.log(System.Logger.Level.DEBUG, "the bot is closing; a status in chat {0} is not shown", chatId);
            idle();
        }
    }

    /** Under the lock. */
    private void idle() {
        if (sending) {
            sending = false;
            shared.backlog().finished();
        }
    }

    /** On a thread of its own: shows the latest wanted screen, the network call outside the lock. */
    private void sendWanted() {
        Screen next;
        Integer id;
        lock.lock();
        try {
            next = wanted;
            if (next == null || next.equals(shown)) {
                wanted = null;
                idle();
                return;
            }
            Duration wait = untilNextEdit();
            if (wait.isPositive()) {
                sendLater(wait);
                return;
            }
            id = messageId;
        } finally {
            lock.unlock();
        }
        Attempt attempt = attempt(id, () -> latest(next));
        lock.lock();
        try {
            Duration pause = settle(attempt);
            if (wanted == null) {
                idle();
            } else {
                Duration wait = untilNextEdit();
                sendLater(wait.compareTo(pause) > 0 ? wait : pause);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The screen to show now: one that came while the send waited for its turn replaces {@code taken}. */
    private Screen latest(Screen taken) {
        lock.lock();
        try {
            return wanted != null ? wanted : taken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends or edits, with the screen {@code now} gives when Telegram's turn comes, so a send that waited
     * behind a video never shows what the video made old; Telegram's answer, never an exception.
     */
    private Attempt attempt(Integer id, Supplier<Screen> now) {
        var tried = new Screen[1];
        try {
            if (id == null) {
                Message sent = shared.api().call(FloodControl.Turn.answer(chatId), "sendMessage", () -> {
                    tried[0] = now.get();
                    return SendMessage.builder().chatId(chatId).text(tried[0].text()).replyMarkup(tried[0].markup())
                            .build();
                });
                return new Attempt.Shown(tried[0], sent.getMessageId());
            }
            shared.api().call(FloodControl.Turn.status(chatId), "editMessageText", () -> {
                tried[0] = now.get();
                return EditMessageText.builder().chatId(chatId).messageId(id).text(tried[0].text())
                        .replyMarkup(tried[0].markup()).build();
            });
            return new Attempt.Shown(tried[0], id);
        } catch (TelegramCallException e) {
            Screen screen = tried[0] != null ? tried[0] : now.get();
            if (e.messageNotModified() && id != null) {
                return new Attempt.Shown(screen, id);
            }
            return e.unreachable() ? new Attempt.Unreachable(screen, e) : new Attempt.Refused(screen, e);
        }
    }

    /** Under the lock: records how the attempt went; returns how long to pause before the next. */
    private Duration settle(Attempt attempt) {
        Screen screen = attempt.screen();
        Instant now = shared.pacer().now();
        switch (attempt) {
            case Attempt.Shown shownIn -> {
                messageId = shownIn.messageId();
                shown = screen;
                lastChange = now;
                return over(screen);
            }
            case Attempt.Refused refused -> {
                LOG.log(System.Logger.Level.WARNING, "Telegram refused a status in chat " + chatId, refused.failure());
                lastChange = now;
                return over(screen);
            }
            case Attempt.Unreachable unreachable -> {
                failuresInARow++;
                if (failingSince == null) {
                    failingSince = now;
                    LOG.log(System.Logger.Level.WARNING, "could not show a status in chat " + chatId
                            + "; it waits until Telegram can be reached: " + unreachable.failure().getMessage());
                }
                if (!now.isBefore(failingSince.plus(shared.retry().patience()))) {
                    LOG.log(System.Logger.Level.WARNING, "gave up a status in chat " + chatId + " after trying for "
                            + shared.retry().patience(), unreachable.failure());
                    return over(screen);
                }
                return shared.retry().after(failuresInARow);
            }
        }
    }

    /**
     * Under the lock: {@code screen} needs no more tries (shown, refused or given up); forgotten unless a newer
     * one has come meanwhile, and the next screen goes without a pause.
     */
    private Duration over(Screen screen) {
        failuresInARow = 0;
        failingSince = null;
        if (wanted == screen) {
            wanted = null;
        }
        return Duration.ZERO;
    }

    private Duration untilNextEdit() {
        if (lastChange.equals(Instant.MIN) || messageId == null) {
            return Duration.ZERO;
        }
        return Duration.between(shared.pacer().now(), lastChange.plus(shared.editInterval()));
    }
}
