package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.RequesterId;
import java.util.List;
import java.util.Objects;

/**
 * What to animate: one photo with two people, or two photos with one person each (the generator decides
 * how to combine them), in a style and perhaps with the requester's wish, which only adds to the
 * provider's own prompt. {@code requester} lets a provider track abuse; adapters send it only as a hash.
 */
public record GenerationRequest(JobId job, RequesterId requester, List<JobPhoto> photos, Direction direction) {
    public GenerationRequest {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(direction, "direction");
        photos = List.copyOf(photos);
        if (photos.isEmpty() || photos.size() > 2) {
            throw new IllegalArgumentException("a generation takes one or two photos");
        }
    }
}
