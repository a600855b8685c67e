package dev.kisscam.core.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One requester's photos of one job, by content and in no particular order: the key of the repeat rule
 * ("the same photos from the same requester get the earlier video").
 */
public record PhotoSet(RequesterId requester, List<PhotoDigest> digests) {
    public PhotoSet {
        Objects.requireNonNull(requester, "requester");
        digests = digests.stream().sorted(Comparator.comparing(PhotoDigest::sha256)).toList();
        if (digests.isEmpty() || digests.size() > 2) {
            throw new IllegalArgumentException("a photo set has one or two photos");
        }
    }

    /** The set of these photos, or empty when a photo's digest is unknown (stored by an older release). */
    public static Optional<PhotoSet> of(RequesterId requester, List<JobPhoto> photos) {
        if (photos.stream().anyMatch(p -> p.photo().digest().isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new PhotoSet(requester,
                photos.stream().map(p -> p.photo().digest().orElseThrow()).toList()));
    }
}
