package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;

/**
 * Keeps "uploading video…" on in a chat while its video is made; Telegram shows an action for 5 s at most.
 * Chat actions wait behind every other call at the {@link FloodControl}, so a tick is skipped while the last
 * one still waits: a crowd of jobs never piles up actions nobody would see.
 */
final class ChatActions {
    private static final System.Logger LOG = System.getLogger(ChatActions.class.getName());

    private record Ticking(ScheduledFuture<?> timer, AtomicBoolean waiting) {
    }

    private final BotApi api;
    private final Duration every;
    private final ScheduledExecutorService timers;
    private final Map<JobId, Ticking> running = new ConcurrentHashMap<>();

    ChatActions(BotApi api, Duration every, ScheduledExecutorService timers) {
        this.api = api;
        this.every = every;
        this.timers = timers;
    }

    void keepUploading(JobId job, long chatId) {
        running.computeIfAbsent(job, id -> {
            var waiting = new AtomicBoolean();
            ScheduledFuture<?> timer = timers.scheduleAtFixedRate(() -> {
                if (waiting.compareAndSet(false, true)) {
                    Thread.startVirtualThread(() -> {
                        try {
                            uploading(chatId);
                        } finally {
                            waiting.set(false);
                        }
                    });
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
            return new Ticking(timer, waiting);
        });
    }

    void stop(JobId job) {
        Ticking ticking = running.remove(job);
        if (ticking != null) {
            ticking.timer().cancel(false);
        }
    }

    private void uploading(long chatId) {
        try {
            // Not a message: it keeps no chat's pace, and takes no chat's turn from one.
            api.call(FloodControl.Turn.botWide(FloodControl.Priority.ACTION),
                    SendChatAction.builder().chatId(chatId).action(ActionType.UPLOAD_VIDEO.toString()).build());
        } catch (TelegramCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not show the upload action in chat " + chatId, e);
        }
    }
}
