package dev.kisscam.adapter.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.kisscam.core.port.out.JobRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The status messages this process is editing, so that edits of one message keep their pace wherever they
 * come from. A job's message is the one its requester's {@link ReplyAddress} names; a job without one (saved
 * by an older release, or whose first message could not be sent) gets a message of its own.
 *
 * <p>A message that has said its last word is remembered for a while: a job's news that come after it (a
 * position notice that raced a cancel) find it concluded and change nothing, instead of bringing back a
 * "queued" screen for a job that is gone.
 */
final class StatusBoard {
    private static final Duration REMEMBER_CONCLUDED = Duration.ofHours(1);
    private static final int MAX_CONCLUDED = 50_000;

    private final StatusMessage.Shared shared;
    /** Keyed by the address of a sent message, or by the job for a message not sent yet. */
    private final Map<Object, StatusMessage> messages = new ConcurrentHashMap<>();
    private final Cache<Object, StatusMessage> concluded = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBER_CONCLUDED).maximumSize(MAX_CONCLUDED).build();

    StatusBoard(StatusMessage.Shared shared) {
        this.shared = shared;
    }

    /** A new message in the chat, sent at once with its first screen so its address can go with a job. */
    StatusMessage open(long chatId, Screen first) {
        var message = new StatusMessage(shared, chatId, null);
        message.sendFirst(first);
        ReplyAddress address = message.address();
        if (address.statusMessage().isPresent()) {
            messages.put(address, message);
        }
        return message;
    }

    /** The message that follows this job; a concluded one if the job's message has said its last word. */
    StatusMessage forJob(JobRef job) {
        Object key = key(job);
        StatusMessage live = messages.get(key);
        if (live != null) {
            return live;
        }
        StatusMessage ended = concluded.getIfPresent(key);
        if (ended != null) {
            return ended;
        }
        ReplyAddress address = ReplyAddress.of(job.requester());
        return messages.computeIfAbsent(key, k -> new StatusMessage(shared, address.chatId(),
                address.statusMessage().isPresent() ? address.statusMessage().getAsInt() : null));
    }

    /** The job's message has said its last word: no one's status any more. */
    void release(JobRef job) {
        retire(key(job));
    }

    /** A message opened for photos that made no job has said its last word. */
    void release(StatusMessage message) {
        retire(message.address());
    }

    /** A message of its own that must arrive: sent, and tried again while Telegram cannot be reached. */
    void notice(long chatId, Screen screen) {
        new StatusMessage(shared, chatId, null).conclude(screen);
    }

    /** Waits until every status and notice has been shown (or given up); false if some still wait after {@code timeout}. */
    boolean settle(Duration timeout) throws InterruptedException {
        return shared.backlog().awaitEmpty(timeout);
    }

    private void retire(Object key) {
        StatusMessage message = messages.get(key);
        if (message != null) {
            // Remembered as concluded before it leaves the live ones, so a late lookup finds one or the other.
            concluded.put(key, message);
            messages.remove(key, message);
        }
    }

    private static Object key(JobRef job) {
        ReplyAddress address = ReplyAddress.of(job.requester());
        return address.statusMessage().isPresent() ? address : job.id();
    }
}
