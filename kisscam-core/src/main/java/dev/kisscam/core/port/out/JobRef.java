package dev.kisscam.core.port.out;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.Requester;
import java.util.Objects;

/** The job a delivery call is about, and whom to tell. */
public record JobRef(JobId id, Requester requester) {
    public JobRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
    }
}
