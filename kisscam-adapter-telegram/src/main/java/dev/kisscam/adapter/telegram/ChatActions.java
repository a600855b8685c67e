package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;

/** Keeps "uploading video…" on in a chat while its video is made; Telegram shows an action for 5 s at most. */
final class ChatActions {
    private static final System.Logger LOG = System.getLogger(ChatActions.class.getName());

    private final BotApi api;
    private final Duration every;
    private final ScheduledExecutorService timers;
    private final Map<JobId, ScheduledFuture<?>> running = new ConcurrentHashMap<>();

    ChatActions(BotApi api, Duration every, ScheduledExecutorService timers) {
        this.api = api;
        this.every = every;
        this.timers = timers;
    }

    void keepUploading(JobId job, long chatId) {
        running.computeIfAbsent(job, id -> timers.scheduleAtFixedRate(
                () -> Thread.startVirtualThread(() -> uploading(chatId)), 0, every.toMillis(), TimeUnit.MILLISECONDS));
    }

    void stop(JobId job) {
        ScheduledFuture<?> ticking = running.remove(job);
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    void uploading(long chatId) {
        try {
            api.call(SendChatAction.builder().chatId(chatId).action(ActionType.UPLOAD_VIDEO.toString()).build());
        } catch (TelegramCallException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not show the upload action in chat " + chatId, e);
        }
    }
}
