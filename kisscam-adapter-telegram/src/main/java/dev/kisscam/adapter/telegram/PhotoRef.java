package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.domain.Wish;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * A file a user sent as a photo: a compressed photo (its largest size) or any document, whose bytes the core
 * sniffs, and the caption it came with, the requester's wish for the video. Only ids and declared facts:
 * nothing is downloaded until the core reads it.
 */
record PhotoRef(String fileId, OptionalLong declaredSize, String declaredType, Optional<Wish> wish) {

    static Optional<PhotoRef> from(Message message) {
        // A caption that cleans to nothing (spaces, control characters) is no wish; a long one is cut at a word.
        Optional<Wish> wish = Wish.from(message.getCaption());
        if (message.hasPhoto()) {
            // Telegram lists the sizes smallest first; take the largest by pixels in case the order changes.
            return message.getPhoto().stream()
                    .max(Comparator.comparingLong(p -> (long) p.getWidth() * p.getHeight()))
                    .map(size -> of(size, wish));
        }
        if (message.hasDocument()) {
            Document d = message.getDocument();
            return Optional.of(new PhotoRef(d.getFileId(), size(d.getFileSize()),
                    d.getMimeType() == null ? "" : d.getMimeType(), wish));
        }
        return Optional.empty();
    }

    /** How the video of these photos (one message, or an album) should be made: the first caption is the wish. */
    static Direction direction(List<PhotoRef> photos) {
        return new Direction(VideoStyle.DEFAULT,
                photos.stream().map(PhotoRef::wish).flatMap(Optional::stream).findFirst());
    }

    private static PhotoRef of(PhotoSize size, Optional<Wish> wish) {
        return new PhotoRef(size.getFileId(), size(size.getFileSize() == null ? null : size.getFileSize().longValue()),
                "image/jpeg", wish);
    }

    private static OptionalLong size(Long bytes) {
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    boolean largerThan(long limit) {
        return declaredSize.isPresent() && declaredSize.getAsLong() > limit;
    }
}
