package dev.kisscam.app.dashboard;

import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.JobObserver;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The last jobs this process saw, for the dashboard's table: when each entered its stages, what it cost and
 * how it ended. It keeps no photo, no name and no chat: the requester only as a keyed hash, whose key is made
 * afresh with every start, so the same user reads alike within a run and cannot be looked up from it.
 */
public final class RecentJobs implements JobObserver {
    private final int capacity;
    private final Map<JobId, Timeline> timelines = new LinkedHashMap<>();
    private final byte[] hashKey = new byte[32];

    public RecentJobs(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("keeps at least one job");
        }
        this.capacity = capacity;
        new SecureRandom().nextBytes(hashKey);
    }

    /** One job as the table shows it; a stage is empty until the job has left it. */
    public record Row(String id, String requester, String state, Instant createdAt, Optional<Duration> queue,
            Optional<Duration> generation, Optional<Duration> delivery, long costTicks, Optional<String> failure) {
    }

    @Override
    public void saved(Job job) {
        synchronized (timelines) {
            Timeline timeline = timelines.computeIfAbsent(job.id(), id -> new Timeline(requesterHash(job.requester().id())));
            timeline.saw(job);
            while (timelines.size() > capacity) {
                timelines.remove(timelines.keySet().iterator().next());
            }
        }
    }

    /** The jobs, newest first. */
    public List<Row> rows() {
        synchronized (timelines) {
            var rows = new ArrayList<Row>(timelines.size());
            timelines.values().forEach(t -> rows.add(t.row()));
            return rows.reversed();
        }
    }

    String requesterHash(RequesterId requester) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hashKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(requester.value().getBytes(StandardCharsets.UTF_8)), 0, 5);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static String stateName(JobState state) {
        return switch (state) {
            case JobState.Draft d -> "draft";
            case JobState.Queued q -> "queued";
            case JobState.Submitting s -> "submitting";
            case JobState.Generating g -> "generating";
            case JobState.Delivering d -> "delivering";
            case JobState.Done d -> "delivered";
            case JobState.Failed f -> "failed";
            case JobState.Cancelled c -> "cancelled";
            case JobState.Expired e -> "expired";
        };
    }

    /** When a job first entered each stage; the last version seen says the rest. */
    private static final class Timeline {
        private final String requester;
        private Job last;
        private Instant queued;
        private Instant submitted;
        private Instant delivering;
        private Instant finished;

        Timeline(String requester) {
            this.requester = requester;
        }

        void saw(Job job) {
            if (last != null && job.updatedAt().isBefore(last.updatedAt())) {
                return;
            }
            last = job;
            Instant at = job.updatedAt();
            switch (job.state()) {
                case JobState.Queued q -> queued = queued == null ? at : queued;
                case JobState.Submitting s -> submitted = submitted == null ? at : submitted;
                case JobState.Generating g -> submitted = submitted == null ? g.submittedAt() : submitted;
                case JobState.Delivering d -> delivering = delivering == null ? d.since() : delivering;
                default -> finished = job.state().finished() ? at : null;
            }
        }

        Row row() {
            Optional<String> failure = last.state() instanceof JobState.Failed f
                    ? Optional.of(f.failure().code().name().toLowerCase(Locale.ROOT)) : Optional.empty();
            return new Row(last.id().toString(), requester, stateName(last.state()), last.createdAt(),
                    between(queued, submitted != null ? submitted : ended(queued)),
                    between(submitted, delivering != null ? delivering : ended(submitted)),
                    between(delivering, finished), last.spentUsdTicks(), failure);
        }

        /** A stage the job never left ends with the job, if it has ended. */
        private Instant ended(Instant stageStart) {
            return stageStart == null ? null : finished;
        }

        private static Optional<Duration> between(Instant from, Instant to) {
            return from == null || to == null ? Optional.empty() : Optional.of(Duration.between(from, to).abs());
        }
    }
}
