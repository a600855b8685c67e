package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.PeopleCount;
import dev.kisscam.core.domain.Photo;

/** Counts the people in a photo and tells whether anyone looks under 18. */
public interface PeopleDetector {

    /**
     * @param media where to read the photo's bytes from
     * @throws PeopleDetectionException when the detector cannot give a trustworthy answer; it never guesses
     * @throws MediaStoreException when the photo cannot be read from {@code media}: the store's failure, not
     *     the detector's, passed on as the store reported it
     */
    PeopleCount detect(Photo photo, MediaReader media);
}
