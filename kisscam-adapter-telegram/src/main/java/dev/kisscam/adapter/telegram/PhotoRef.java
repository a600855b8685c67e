package dev.kisscam.adapter.telegram;

import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.objects.Document;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;

/**
 * A file a user sent as a photo: a compressed photo (its largest size) or any document, whose bytes the core
 * sniffs. Only ids and declared facts: nothing is downloaded until the core reads it.
 */
record PhotoRef(String fileId, OptionalLong declaredSize, String declaredType) {

    static Optional<PhotoRef> from(Message message) {
        if (message.hasPhoto()) {
            // Telegram lists the sizes smallest first; take the largest by pixels in case the order changes.
            return message.getPhoto().stream()
                    .max(Comparator.comparingLong(p -> (long) p.getWidth() * p.getHeight()))
                    .map(PhotoRef::of);
        }
        if (message.hasDocument()) {
            Document d = message.getDocument();
            return Optional.of(new PhotoRef(d.getFileId(), size(d.getFileSize()),
                    d.getMimeType() == null ? "" : d.getMimeType()));
        }
        return Optional.empty();
    }

    private static PhotoRef of(PhotoSize size) {
        return new PhotoRef(size.getFileId(), size(size.getFileSize() == null ? null : size.getFileSize().longValue()),
                "image/jpeg");
    }

    private static OptionalLong size(Long bytes) {
        return bytes == null ? OptionalLong.empty() : OptionalLong.of(bytes);
    }

    boolean largerThan(long limit) {
        return declaredSize.isPresent() && declaredSize.getAsLong() > limit;
    }
}
