package dev.kisscam.core.service;

import dev.kisscam.core.domain.FailureCode;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.port.in.IncomingPhoto;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;

/**
 * Decides whether an incoming photo is one we can use and stores it: the declared size first, then the
 * magic bytes and the header's dimensions (no pixel is decoded), then the bytes stream into the store
 * while their count and the format's end are watched. A refused photo leaves nothing stored.
 */
final class PhotoChecker {
    private static final System.Logger LOG = System.getLogger(PhotoChecker.class.getName());

    sealed interface Checked {
    }

    record Accepted(Photo photo) implements Checked {
    }

    record Refused(Refusal refusal) implements Checked {
    }

    private final MediaStore media;
    private final KisscamSettings settings;

    PhotoChecker(MediaStore media, KisscamSettings settings) {
        this.media = media;
        this.settings = settings;
    }

    Checked check(IncomingPhoto incoming) {
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
        var watched = new WatchedInput(content, settings.maxPhotoBytes(), end::feed);
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
            media.delete(stored.key());
            return new Refused(new Refusal.PhotoUnreadable("the " + r.format() + " file is truncated"));
        }
        return new Accepted(new Photo(stored.key(), r.format(), r.dimensions(), stored.sizeBytes()));
    }
}
