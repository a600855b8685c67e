package dev.kisscam.app.provider;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PhotoDigest;
import java.util.Optional;

/**
 * People counts remembered by the digest of the photo's bytes, for a window: in this process's memory, or where
 * every instance finds them (one photo is then paid for once whichever instance sees it).
 */
public interface RememberedCounts {

    /** The count taken within the window for a photo with these bytes, if any. */
    Optional<PeopleCount> find(PhotoDigest digest);

    void remember(PhotoDigest digest, PeopleCount count);
}
