package dev.kisscam.core.domain;

import java.util.List;
import java.util.Objects;

/** A stored photo that belongs to a job, with where its people stand when the detector said so. */
public record JobPhoto(Photo photo, List<PersonBox> people) {
    public JobPhoto {
        Objects.requireNonNull(photo, "photo");
        people = List.copyOf(people);
    }
}
