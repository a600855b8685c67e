package dev.kisscam.adapter.sql;

import static dev.kisscam.adapter.sql.Database.nanos;

import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.domain.PhotoSet;
import dev.kisscam.core.port.out.EarlierVideos;
import dev.kisscam.core.port.out.JobStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The repeat rule's memory as rows: per photo set, the video and its photos (as the job had them), and every
 * media key it keeps in a table of its own, so "is this key kept?" is one indexed look-up. At most
 * {@code capacity} photo sets are kept; the one kept longest ago is let go first. Survives a restart, so the kept
 * media are not litter after one.
 */
public final class SqlEarlierVideos implements EarlierVideos {
    private final Database db;
    private final int capacity;

    SqlEarlierVideos(Database db, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("room for at least one video");
        }
        this.db = db;
        this.capacity = capacity;
    }

    /** The body of a row: the video's key and the photos, in the job record's format. */
    record KeptRecord(String video, List<JobRecord.PhotoRecord> photos) {
        static KeptRecord from(Kept kept) {
            return new KeptRecord(kept.video().value(), kept.photos().stream().map(JobRecord.PhotoRecord::from).toList());
        }

        Kept toDomain() {
            return new Kept(new MediaKey(video), photos.stream().map(JobRecord.PhotoRecord::toDomain).toList());
        }
    }

    @Override
    public Optional<Kept> find(PhotoSet photos, Instant now) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT body FROM earlier_videos WHERE photo_set = :set AND kept_until > :now")
                .bind("set", key(photos)).bind("now", nanos(now)).mapTo(String.class).findOne())
                .map(SqlEarlierVideos::decode);
    }

    @Override
    public List<MediaKey> keep(PhotoSet photos, Kept kept, Instant until) {
        String set = key(photos);
        return db.write(JobStoreException::new, handle -> {
            var letGo = new ArrayList<MediaKey>();
            handle.createQuery("SELECT body FROM earlier_videos WHERE photo_set = :set" + db.dialect().forUpdate())
                    .bind("set", set).mapTo(String.class).findOne().map(SqlEarlierVideos::decode)
                    .ifPresent(replaced -> replaced.keys().stream().filter(k -> !kept.keys().contains(k)).forEach(letGo::add));
            forget(handle, set);
            long order = handle.createQuery("SELECT COALESCE(MAX(kept_order), 0) + 1 FROM earlier_videos")
                    .mapTo(Long.class).one();
            handle.createUpdate("INSERT INTO earlier_videos (photo_set, kept_until, kept_order, body)"
                            + " VALUES (:set, :until, :order, :body)")
                    .bind("set", set).bind("until", nanos(until)).bind("order", order)
                    .bind("body", new String(RecordCodec.encode(KeptRecord.from(kept)), StandardCharsets.UTF_8)).execute();
            for (MediaKey media : kept.keys().stream().distinct().toList()) {
                handle.createUpdate("INSERT INTO earlier_video_media (photo_set, media_key) VALUES (:set, :key)")
                        .bind("set", set).bind("key", media.value()).execute();
            }
            List<String> newestFirst = handle.createQuery("SELECT photo_set FROM earlier_videos ORDER BY kept_order DESC")
                    .mapTo(String.class).list();
            List<String> pushedOut = newestFirst.subList(Math.min(capacity, newestFirst.size()), newestFirst.size());
            for (String old : pushedOut) {
                letGo.addAll(keysOf(handle, old));
                forget(handle, old);
            }
            return letGo;
        });
    }

    @Override
    public List<MediaKey> release(Instant now) {
        return db.write(JobStoreException::new, handle -> {
            var letGo = new ArrayList<MediaKey>();
            List<String> expired = handle.createQuery("SELECT photo_set FROM earlier_videos WHERE kept_until <= :now")
                    .bind("now", nanos(now)).mapTo(String.class).list();
            for (String set : expired) {
                letGo.addAll(keysOf(handle, set));
                forget(handle, set);
            }
            return letGo;
        });
    }

    @Override
    public boolean keeps(MediaKey key) {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT COUNT(*) FROM earlier_video_media WHERE media_key = :key")
                .bind("key", key.value()).mapTo(Integer.class).one() > 0);
    }

    /** How many videos are kept now; for a gauge. */
    public long keptVideos() {
        return db.read(JobStoreException::new, handle -> handle
                .createQuery("SELECT COUNT(*) FROM earlier_videos").mapTo(Long.class).one());
    }

    private static List<MediaKey> keysOf(Handle handle, String set) {
        return handle.createQuery("SELECT body FROM earlier_videos WHERE photo_set = :set").bind("set", set)
                .mapTo(String.class).findOne().map(body -> decode(body).keys()).orElse(List.of());
    }

    /** The photo set's row and its media rows. */
    private static void forget(Handle handle, String set) {
        handle.createUpdate("DELETE FROM earlier_video_media WHERE photo_set = :set").bind("set", set).execute();
        handle.createUpdate("DELETE FROM earlier_videos WHERE photo_set = :set").bind("set", set).execute();
    }

    /** The requester and the photos' digests, already in order: one string per photo set. */
    private static String key(PhotoSet photos) {
        return photos.requester().value() + "|"
                + photos.digests().stream().map(PhotoDigest::sha256).collect(Collectors.joining(","));
    }

    private static Kept decode(String body) {
        try {
            return RecordCodec.decode(body.getBytes(StandardCharsets.UTF_8), KeptRecord.class).toDomain();
        } catch (IOException e) {
            throw new JobStoreException("a kept video in the database is unreadable: " + e.getMessage(), e);
        }
    }
}
