package dev.kisscam.app.provider;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.PhotoDigest;
import java.util.Map;
import java.util.Optional;

/**
 * People counts remembered by the digest of the photo's bytes, for a window: in this process's memory, or where
 * every instance finds them (one photo is then paid for once whichever instance sees it).
 */
public interface RememberedCounts {

    /** The count taken within the window for a photo with these bytes, if any. */
    Optional<PeopleCount> find(PhotoDigest digest);

    void remember(PhotoDigest digest, PeopleCount count);

    /** Counts kept in {@code map}, which decides how long (a Caffeine cache's map forgets them by itself). */
    static RememberedCounts in(Map<PhotoDigest, PeopleCount> map) {
        return new RememberedCounts() {
            @Override
            public Optional<PeopleCount> find(PhotoDigest digest) {
                return Optional.ofNullable(map.get(digest));
            }

            @Override
            public void remember(PhotoDigest digest, PeopleCount count) {
                map.put(digest, count);
            }
        };
    }
}
