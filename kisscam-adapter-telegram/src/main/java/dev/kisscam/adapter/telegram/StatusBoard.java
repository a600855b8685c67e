package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Which message shows which job. The message that said "received" while the core checked a user's photos
 * becomes the status message of the job those photos make, whichever comes first: the intake's answer or the
 * core's first delivery call.
 */
final class StatusBoard {
    private final BotApi api;
    private final Duration interval;
    private final Pacer pacer;
    private final ScheduledExecutorService timers;
    private final Map<JobId, StatusMessage> jobs = new ConcurrentHashMap<>();
    private final Map<RequesterId, StatusMessage> intakes = new ConcurrentHashMap<>();

    StatusBoard(BotApi api, Duration interval, Pacer pacer, ScheduledExecutorService timers) {
        this.api = api;
        this.interval = interval;
        this.pacer = pacer;
        this.timers = timers;
    }

    /** A new message for photos being checked for {@code requester}; shown with its first update. */
    StatusMessage intakeStarted(RequesterId requester, long chatId) {
        var message = new StatusMessage(api, chatId, interval, pacer, timers);
        intakes.put(requester, message);
        return message;
    }

    /** The photos made no job: the message is no one's status any more. */
    void intakeEnded(RequesterId requester, StatusMessage message) {
        intakes.remove(requester, message);
    }

    StatusMessage forJob(JobRef job) {
        return jobs.computeIfAbsent(job.id(), id -> {
            StatusMessage intake = intakes.remove(job.requester().id());
            return intake != null ? intake
                    : new StatusMessage(api, ChatIds.of(job.requester()), interval, pacer, timers);
        });
    }

    void finished(JobId job) {
        jobs.remove(job);
    }
}
