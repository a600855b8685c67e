package dev.kisscam.core.port.in;

import dev.kisscam.core.domain.Requester;
import java.util.List;

/** Where a frontend hands in photos. Safe to call concurrently; calls for one requester are serialised. */
public interface PhotoIntake {

    /** One photo: two people make a job, one person makes (or completes) a draft. */
    IntakeOutcome submit(Requester requester, IncomingPhoto photo);

    /** Photos sent together: two photos of one person each make a job at once; one photo is as {@link #submit}. */
    IntakeOutcome submitAlbum(Requester requester, List<IncomingPhoto> photos);
}
