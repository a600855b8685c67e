package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.Requester;
import java.util.List;

/** Where a frontend hands in photos. Safe to call concurrently; calls for one requester are serialised. */
public interface PhotoIntake {

    /**
     * Photos sent together, with how the video should be made: one photo with two people makes a job, one
     * with one person makes (or completes) a draft, two photos of one person each make a job at once.
     */
    IntakeOutcome submit(Requester requester, List<IncomingPhoto> photos, Direction direction);

    /** One photo, made the default way. */
    default IntakeOutcome submit(Requester requester, IncomingPhoto photo) {
        return submit(requester, List.of(photo), Direction.DEFAULT);
    }

    /** Photos sent together, made the default way. */
    default IntakeOutcome submitAlbum(Requester requester, List<IncomingPhoto> photos) {
        return submit(requester, photos, Direction.DEFAULT);
    }
}
