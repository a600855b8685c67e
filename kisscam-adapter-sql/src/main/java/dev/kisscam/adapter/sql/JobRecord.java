package dev.kisscam.adapter.sql;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.Job;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PersonBox;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A job as it is stored: the body of its row in the database, and the file the earlier file store wrote for
 * it, which the import reads. The format is this record, not the domain types, so the domain can change
 * without silently changing what stored jobs mean; {@code format} says which shape a body has.
 */
record JobRecord(
        int format,
        String id,
        long sequence,
        RequesterRecord requester,
        List<PhotoRecord> photos,
        StateRecord state,
        Instant createdAt,
        Instant updatedAt,
        List<SpendRecord> spends,
        DirectionRecord direction) {

    /**
     * 2 added each photo's digest (format 1 photos are read without one); 3 added the delivery attempts
     * (an older delivering job has failed none, and has delivered since it was last saved); 4 added the
     * direction (an older job was made in the gentle style, the only one there was, with no wish).
     */
    static final int FORMAT = 4;

    static JobRecord decode(byte[] bytes) throws IOException {
        // A job is read on every poll: a record of the current format, nearly every one, is read straight, and
        // only an older one goes through a JSON tree to be upgraded, which takes about twice as long.
        try {
            JobRecord current = RecordCodec.decode(bytes, JobRecord.class);
            if (current.format() == FORMAT) {
                return current;
            }
        } catch (MismatchedInputException olderShape) {
            // Read again below, upgraded; a damaged record fails there too.
        }
        return RecordCodec.decode(bytes, JobRecord.class, tree -> {
            int format = tree.path("format").asInt();
            if (format == 1 && tree.get("photos") instanceof ArrayNode photos) {
                photos.forEach(photo -> {
                    if (photo instanceof ObjectNode fields) {
                        fields.putNull("sha256");
                    }
                });
            }
            if (format < 3 && tree.get("state") instanceof ObjectNode state && "delivering".equals(state.path("type").asText())) {
                state.put("failedAttempts", 0);
                state.set("since", tree.get("updatedAt"));
            }
            if (format < 4 && tree.get("direction") == null) {
                tree.putObject("direction").put("style", VideoStyle.GENTLE.id()).putNull("wish");
            }
            if (format >= 1 && format < FORMAT) {
                tree.put("format", FORMAT);
            }
        });
    }

    static JobRecord from(Job job) {
        return new JobRecord(
                FORMAT,
                job.id().value(),
                job.sequence(),
                RequesterRecord.from(job.requester()),
                job.photos().stream().map(PhotoRecord::from).toList(),
                StateRecord.from(job.state()),
                job.createdAt(),
                job.updatedAt(),
                job.spends().stream().map(SpendRecord::from).toList(),
                DirectionRecord.from(job.direction()));
    }

    /** @throws IllegalArgumentException or NullPointerException when the record does not make a valid job */
    Job toDomain() {
        if (format != FORMAT) {
            throw new IllegalArgumentException("unknown job record format " + format);
        }
        return new Job(
                new JobId(id),
                sequence,
                requester.toDomain(),
                photos.stream().map(PhotoRecord::toDomain).toList(),
                state.toDomain(),
                createdAt,
                updatedAt,
                spends.stream().map(SpendRecord::toDomain).toList(),
                direction.toDomain());
    }

    /** {@code wish} is null when the requester wished nothing. */
    record DirectionRecord(String style, String wish) {
        static DirectionRecord from(Direction direction) {
            return new DirectionRecord(direction.style().id(), direction.wish().map(Wish::text).orElse(null));
        }

        Direction toDomain() {
            return new Direction(new VideoStyle(style), Optional.ofNullable(wish).map(Wish::new));
        }
    }

    record RequesterRecord(String id, String replyTo, String locale) {
        static RequesterRecord from(Requester requester) {
            return new RequesterRecord(requester.id().value(), requester.replyTo(), requester.locale().toLanguageTag());
        }

        Requester toDomain() {
            return new Requester(new RequesterId(id), replyTo, Locale.forLanguageTag(locale));
        }
    }

    /** {@code sha256} is null for a photo stored before digests were taken. */
    record PhotoRecord(String key, ImageFormat format, int width, int height, long sizeBytes, String sha256,
            List<BoxRecord> people) {
        static PhotoRecord from(JobPhoto jobPhoto) {
            Photo photo = jobPhoto.photo();
            return new PhotoRecord(photo.key().value(), photo.format(), photo.dimensions().width(),
                    photo.dimensions().height(), photo.sizeBytes(), photo.digest().map(PhotoDigest::sha256).orElse(null),
                    jobPhoto.people().stream().map(BoxRecord::from).toList());
        }

        JobPhoto toDomain() {
            return new JobPhoto(new Photo(new MediaKey(key), format, new Dimensions(width, height), sizeBytes,
                    Optional.ofNullable(sha256).map(PhotoDigest::new)), people.stream().map(BoxRecord::toDomain).toList());
        }
    }

    record BoxRecord(double left, double top, double width, double height) {
        static BoxRecord from(PersonBox box) {
            return new BoxRecord(box.left(), box.top(), box.width(), box.height());
        }

        PersonBox toDomain() {
            return new PersonBox(left, top, width, height);
        }
    }

    record SpendRecord(String model, long usdTicks) {
        static SpendRecord from(Spend spend) {
            return new SpendRecord(spend.model(), spend.usdTicks());
        }

        Spend toDomain() {
            return new Spend(model, usdTicks);
        }
    }

    /** One record per {@link JobState}, told apart on disk by a {@code type} name that never changes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = StateRecord.Draft.class, name = "draft"),
            @JsonSubTypes.Type(value = StateRecord.Queued.class, name = "queued"),
            @JsonSubTypes.Type(value = StateRecord.Submitting.class, name = "submitting"),
            @JsonSubTypes.Type(value = StateRecord.Generating.class, name = "generating"),
            @JsonSubTypes.Type(value = StateRecord.Delivering.class, name = "delivering"),
            @JsonSubTypes.Type(value = StateRecord.Done.class, name = "done"),
            @JsonSubTypes.Type(value = StateRecord.Failed.class, name = "failed"),
            @JsonSubTypes.Type(value = StateRecord.Cancelled.class, name = "cancelled"),
            @JsonSubTypes.Type(value = StateRecord.Expired.class, name = "expired")})
    sealed interface StateRecord {

        static StateRecord from(JobState state) {
            return switch (state) {
                case JobState.Draft d -> new Draft(d.expiresAt());
                case JobState.Queued q -> new Queued();
                case JobState.Submitting s -> new Submitting(s.attempt());
                case JobState.Generating g -> new Generating(g.ticket().value(), g.attempt(), g.submittedAt());
                case JobState.Delivering d -> new Delivering(d.video().value(), d.videoBytes(), d.failedAttempts(),
                        d.since());
                case JobState.Done d -> new Done(d.at());
                case JobState.Failed f -> new Failed(f.failure().code(), f.failure().detail());
                case JobState.Cancelled c -> new Cancelled();
                case JobState.Expired e -> new Expired();
            };
        }

        JobState toDomain();

        record Draft(Instant expiresAt) implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Draft(expiresAt);
            }
        }

        record Queued() implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Queued();
            }
        }

        record Submitting(int attempt) implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Submitting(attempt);
            }
        }

        record Generating(String ticket, int attempt, Instant submittedAt) implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Generating(new GenerationTicket(ticket), attempt, submittedAt);
            }
        }

        record Delivering(String video, long videoBytes, int failedAttempts, Instant since) implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Delivering(new MediaKey(video), videoBytes, failedAttempts, since);
            }
        }

        record Done(Instant at) implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Done(at);
            }
        }

        record Failed(FailureCode code, String detail) implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Failed(new Failure(code, detail));
            }
        }

        record Cancelled() implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Cancelled();
            }
        }

        record Expired() implements StateRecord {
            @Override
            public JobState toDomain() {
                return new JobState.Expired();
            }
        }
    }
}
