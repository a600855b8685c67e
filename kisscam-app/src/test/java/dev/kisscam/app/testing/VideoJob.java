package dev.kisscam.app.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One submitted generation and how a poll sees it as time passes: running (202, often with a progress, every
 * third time with no body at all, as the live API does), then done, with a video or blocked by moderation.
 */
final class VideoJob {
    /** $0.05 per second of video, in ticks of 1e-10 USD. */
    static final long TICKS_PER_VIDEO_SECOND = 500_000_000L;
    /** The live API answers some polls of a running job with an empty body; this one does so every third. */
    static final int SILENT_POLL_EVERY = 3;

    private final String requestId;
    private final VideoSubmission submission;
    private final long submittedAtNanos;
    private final Duration generationTime;
    private final boolean blocked;
    private final URI video;
    private final AtomicInteger polls = new AtomicInteger();

    VideoJob(String requestId, VideoSubmission submission, long submittedAtNanos, Duration generationTime,
            boolean blocked, URI video) {
        this.requestId = requestId;
        this.submission = submission;
        this.submittedAtNanos = submittedAtNanos;
        this.generationTime = generationTime;
        this.blocked = blocked;
        this.video = video;
    }

    String requestId() {
        return requestId;
    }

    VideoSubmission submission() {
        return submission;
    }

    /** Whether the finished video can be downloaded at {@code nowNanos}. */
    boolean hasVideoAt(long nowNanos) {
        return !blocked && finishedAt(nowNanos);
    }

    Reply pollAt(long nowNanos) {
        if (finishedAt(nowNanos)) {
            return Reply.json(200, done());
        }
        if (polls.incrementAndGet() % SILENT_POLL_EVERY == 0) {
            return Reply.empty(202);
        }
        return Reply.json(202, Reply.JSON.createObjectNode().put("status", "pending").put("progress", progressAt(nowNanos)));
    }

    private boolean finishedAt(long nowNanos) {
        return nowNanos - submittedAtNanos >= generationTime.toNanos();
    }

    /** Grows with the time passed, and stays below 100 until the job is done. */
    private int progressAt(long nowNanos) {
        long elapsed = nowNanos - submittedAtNanos;
        return (int) Math.min(99, elapsed * 100 / generationTime.toNanos());
    }

    private ObjectNode done() {
        int seconds = submission.durationSeconds();
        ObjectNode body = Reply.JSON.createObjectNode().put("status", "done");
        body.putObject("video")
                .put("url", blocked ? "" : video.toString())
                .put("duration", seconds)
                .put("respect_moderation", !blocked);
        body.put("model", submission.model());
        body.putObject("usage").put("cost_in_usd_ticks", seconds * TICKS_PER_VIDEO_SECOND);
        return body.put("progress", 100);
    }
}
