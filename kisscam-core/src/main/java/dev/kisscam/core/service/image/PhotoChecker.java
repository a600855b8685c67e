package dev.kisscam.core.service.image;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.PhotoDigest;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.service.KisscamSettings;
import dev.kisscam.core.service.media.MediaCleanup;
import dev.kisscam.core.service.media.WatchedInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Decides whether incoming photos are ones we can use and stores them: the declared size first, then the
 * magic bytes and the header's dimensions (no pixel is decoded), then the bytes stream into the store while
 * their count, the format's end and their digest are taken. Refused photos leave nothing stored.
 */
public final class PhotoChecker {
    private static final System.Logger LOG = System.getLogger(PhotoChecker.class.getName());

    public sealed interface Checked {
    }

    public record Accepted(List<Photo> photos) implements Checked {
        public Accepted {
            photos = List.copyOf(photos);
        }
    }

    public record Refused(Refusal refusal) implements Checked {
    }

    private final MediaStore media;
    private final MediaCleanup cleanup;
    private final KisscamSettings settings;

    public PhotoChecker(MediaStore media, KisscamSettings settings) {
        this.media = media;
        this.cleanup = new MediaCleanup(media);
        this.settings = settings;
    }

    /** Checks and stores every photo, or refuses them all for the first one that fails, storing none. */
    public Checked check(List<IncomingPhoto> incoming) {
        var stored = new ArrayList<Photo>();
        for (IncomingPhoto photo : incoming) {
            switch (checkOne(photo)) {
                case Accepted a -> stored.addAll(a.photos());
                case Refused r -> {
                    cleanup.deleteQuietly(stored.stream().map(Photo::key).toList());
                    return r;
                }
            }
        }
        return new Accepted(stored);
    }

    private Checked checkOne(IncomingPhoto incoming) {
        long limit = settings.maxPhotoBytes();
        if (incoming.declaredSize().isPresent() && incoming.declaredSize().getAsLong() > limit) {
            return new Refused(new Refusal.PhotoTooLarge(incoming.declaredSize().getAsLong(), limit));
        }
        try (InputStream raw = incoming.content().open()) {
            var buffered = new BufferedInputStream(raw, 64 * 1024);
            buffered.mark(ImageProbe.HEADER_LIMIT + 1);
            ImageProbe.Result probe = ImageProbe.probe(buffered);
            return switch (probe) {
                case ImageProbe.Unsupported u -> new Refused(new Refusal.UnsupportedFormat(u.detected()));
                case ImageProbe.Unreadable u -> new Refused(new Refusal.PhotoUnreadable(u.why()));
                case ImageProbe.Recognised r -> {
                    Refusal sizeRefusal = sizeRefusal(r);
                    if (sizeRefusal != null) {
                        yield new Refused(sizeRefusal);
                    }
                    buffered.reset();
                    yield store(buffered, r);
                }
            };
        } catch (IOException e) {
            return new Refused(new Refusal.PhotoUnreadable("the photo could not be received: " + e.getMessage()));
        }
    }

    private Refusal sizeRefusal(ImageProbe.Recognised r) {
        if (r.dimensions().pixels() > settings.maxPixels()) {
            return new Refusal.PhotoTooManyPixels(r.dimensions(), settings.maxPixels());
        }
        if (r.dimensions().shortSide() < settings.minShortSide()) {
            return new Refusal.PhotoTooSmall(r.dimensions(), settings.minShortSide());
        }
        return null;
    }

    private Checked store(InputStream content, ImageProbe.Recognised r) {
        ImageEnd end = ImageEnd.of(r.format());
        MessageDigest sha256 = sha256();
        var watched = new WatchedInput(content, settings.maxPhotoBytes(), (bytes, offset, length) -> {
            end.feed(bytes, offset, length);
            sha256.update(bytes, offset, length);
        });
        MediaStore.StoredMedia stored;
        try {
            stored = media.put(MediaKind.PHOTO, watched);
        } catch (MediaStoreException e) {
            if (watched.overLimit()) {
                return new Refused(new Refusal.PhotoTooLarge(watched.count(), settings.maxPhotoBytes()));
            }
            if (watched.sourceFailed()) {
                return new Refused(new Refusal.PhotoUnreadable(
                        "the photo could not be received: " + watched.sourceFailure().getMessage()));
            }
            LOG.log(Level.ERROR, "could not store a photo: " + e.getMessage(), e);
            return new Refused(new Refusal.ServiceUnavailable(FailureCode.STORAGE_FAILED));
        }
        if (!end.reached()) {
            cleanup.deleteQuietly(stored.key());
            return new Refused(new Refusal.PhotoUnreadable("the " + r.format() + " file is truncated"));
        }
        var digest = new PhotoDigest(HexFormat.of().formatHex(sha256.digest()));
        return new Accepted(List.of(new Photo(stored.key(), r.format(), r.dimensions(), stored.sizeBytes(), digest)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
