package dev.kisscam.adapter.telegram;

import dev.kisscam.core.domain.RequesterId;
import java.util.List;
import java.util.Set;

/**
 * Photos users sent that cannot go on yet, kept by Telegram's file id (nothing is downloaded) until they may:
 * each user's in the order they came, an album as one batch. In this process ({@link LocalKeptPhotos}) or, behind
 * a round-robin webhook, where every instance finds them ({@link SharedKeptPhotos}).
 */
interface KeptPhotos {

    /** What one message (a photo) or one album brought, and who sent it where. */
    record Batch(Asker asker, List<PhotoRef> photos) {
        public Batch {
            photos = List.copyOf(photos);
        }
    }

    /** How many photos one user may have kept. */
    int perRequester();

    /** Keeps the batch after the user's others; false, keeping nothing, when that would pass the user's share. */
    boolean keep(Batch batch);

    /** The user's batches in the order they came, kept no longer: whoever takes them first gets them. */
    List<Batch> take(RequesterId requester);

    /** The users who have photos kept now. */
    Set<RequesterId> requesters();
}
