package dev.kisscam.adapter.telegram;

import dev.kisscam.core.port.out.JobRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The status messages this process is editing, so that edits of one message keep their pace wherever they
 * come from. A job's message is the one its requester's {@link ReplyAddress} names; a job without one (saved
 * by an older release, or whose first message could not be sent) gets a message of its own.
 */
final class StatusBoard {
    private final BotApi api;
    private final Duration interval;
    private final Pacer pacer;
    private final ScheduledExecutorService timers;
    /** Keyed by the address of a sent message, or by the job for a message not sent yet. */
    private final Map<Object, StatusMessage> messages = new ConcurrentHashMap<>();

    StatusBoard(BotApi api, Duration interval, Pacer pacer, ScheduledExecutorService timers) {
        this.api = api;
        this.interval = interval;
        this.pacer = pacer;
        this.timers = timers;
    }

    /** A new message in the chat, sent at once with its first screen so its address can go with a job. */
    StatusMessage open(long chatId, Screen first) {
        var message = new StatusMessage(api, chatId, null, interval, pacer, timers);
        message.update(StatusMessage.Step.FIRST, first);
        ReplyAddress address = message.address();
        if (address.statusMessage().isPresent()) {
            messages.put(address, message);
        }
        return message;
    }

    /** The message that follows this job. */
    StatusMessage forJob(JobRef job) {
        ReplyAddress address = ReplyAddress.of(job.requester());
        return messages.computeIfAbsent(key(job), k -> new StatusMessage(api, address.chatId(),
                address.statusMessage().isPresent() ? address.statusMessage().getAsInt() : null, interval, pacer, timers));
    }

    /** The job's message has said its last word: forget it. */
    void release(JobRef job) {
        messages.remove(key(job));
    }

    /** A message opened for photos that made no job has said its last word: forget it. */
    void release(StatusMessage message) {
        messages.remove(message.address(), message);
    }

    private static Object key(JobRef job) {
        ReplyAddress address = ReplyAddress.of(job.requester());
        return address.statusMessage().isPresent() ? address : job.id();
    }
}
