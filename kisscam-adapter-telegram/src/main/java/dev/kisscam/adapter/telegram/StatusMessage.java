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
 */
final class StatusMessage {
    private static final System.Logger LOG = System.getLogger(StatusMessage.class.getName());

    private final BotApi api;
    private final long chatId;
    private final Duration interval;
    private final Pacer pacer;
    private final ScheduledExecutorService timers;
    private final ReentrantLock lock = new ReentrantLock();

    private Integer messageId;
    private Screen shown;
    private Instant lastChange = Instant.MIN;
    private Screen waiting;
    private ScheduledFuture<?> flush;
    private boolean concluded;

    StatusMessage(BotApi api, long chatId, Duration interval, Pacer pacer, ScheduledExecutorService timers) {
        this.api = api;
        this.chatId = chatId;
        this.interval = interval;
        this.pacer = pacer;
        this.timers = timers;
    }

    long chatId() {
        return chatId;
    }

    /** An intermediate step; ignored once the message has concluded. */
    void update(Screen screen) {
        lock.lock();
        try {
            if (concluded) {
                return;
            }
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
                update(next);
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
                Message sent = api.call(SendMessage.builder().chatId(chatId).text(screen.text())
                        .replyMarkup(screen.markup()).build());
                messageId = sent.getMessageId();
            } else {
                api.call(EditMessageText.builder().chatId(chatId).messageId(messageId).text(screen.text())
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
