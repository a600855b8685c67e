package dev.kisscam.adapter.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * One message that follows a job, edited in place. Edits keep at least the configured interval apart (Telegram
 * limits edits per chat): an intermediate step that comes too soon waits, and only the latest waiting one is
 * shown; a concluding step waits out the interval but is never dropped. Identical screens are not sent again.
 * A failed send or edit is logged and never thrown: it must not cost the job or its video.
 *
 * <p>Steps only go forward: intake's answer ("third in line") and the job's own news ("generating") come from
 * different threads, and whichever is told last, the message never goes back to an earlier step.
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

    private static final System.Logger LOG = System.getLogger(StatusMessage.class.getName());

    private final BotApi api;
    private final long chatId;
    private final Duration interval;
    private final Pacer pacer;
    private final ScheduledExecutorService timers;
    private final ReentrantLock lock = new ReentrantLock();

    private Integer messageId;
    private Step reached = Step.FIRST;
    private Screen shown;
    private Instant lastChange = Instant.MIN;
    private Screen waiting;
    private ScheduledFuture<?> flush;
    private boolean concluded;

    /** {@code messageId}: the message shown already (after a restart, say), or null to send a new one. */
    StatusMessage(BotApi api, long chatId, Integer messageId, Duration interval, Pacer pacer,
            ScheduledExecutorService timers) {
        this.api = api;
        this.chatId = chatId;
        this.messageId = messageId;
        this.interval = interval;
        this.pacer = pacer;
        this.timers = timers;
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
     * An intermediate step; ignored once the message has concluded or when it shows a later step already.
     * The first screen of a message not yet sent is sent at once, so its id is known when this returns.
     */
    void update(Step step, Screen screen) {
        lock.lock();
        try {
            if (concluded || step.compareTo(reached) < 0) {
                return;
            }
            reached = step;
            Duration wait = untilNextEdit();
            if (messageId == null || !wait.isPositive()) {
                waiting = null;
                show(screen);
            } else if (!screen.equals(shown)) {
                waiting = screen;
                if (flush == null) {
                    flush = timers.schedule(() -> Thread.startVirtualThread(this::showWaiting),
                            wait.toNanos(), TimeUnit.NANOSECONDS);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The last word on the message (until the next conclusion): never dropped, no intermediate step after it. */
    void conclude(Screen screen) {
        lock.lock();
        try {
            concluded = true;
            waiting = null;
            if (flush != null) {
                flush.cancel(false);
                flush = null;
            }
            Duration wait = untilNextEdit();
            if (messageId != null && wait.isPositive() && !screen.equals(shown)) {
                try {
                    pacer.pause(wait);
                } catch (InterruptedException e) {
                    // Shown anyway: a final status is never dropped; the caller sees the flag.
                    Thread.currentThread().interrupt();
                }
            }
            show(screen);
        } finally {
            lock.unlock();
        }
    }

    private void showWaiting() {
        lock.lock();
        try {
            flush = null;
            Screen next = waiting;
            if (next != null && !concluded) {
                waiting = null;
                update(reached, next);
            }
        } finally {
            lock.unlock();
        }
    }

    private Duration untilNextEdit() {
        if (lastChange.equals(Instant.MIN)) {
            return Duration.ZERO;
        }
        return Duration.between(pacer.now(), lastChange.plus(interval));
    }

    private void show(Screen screen) {
        if (screen.equals(shown)) {
            return;
        }
        try {
            if (messageId == null) {
                Message sent = api.call(FloodControl.Turn.answer(chatId), SendMessage.builder().chatId(chatId).text(screen.text())
                        .replyMarkup(screen.markup()).build());
                messageId = sent.getMessageId();
            } else {
                api.call(FloodControl.Turn.status(chatId), EditMessageText.builder().chatId(chatId).messageId(messageId).text(screen.text())
                        .replyMarkup(screen.markup()).build());
            }
            shown = screen;
        } catch (TelegramCallException e) {
            if (e.messageNotModified()) {
                shown = screen;
            } else {
                LOG.log(System.Logger.Level.WARNING, "could not show a status in chat " + chatId, e);
            }
        }
        lastChange = pacer.now();
    }
}
