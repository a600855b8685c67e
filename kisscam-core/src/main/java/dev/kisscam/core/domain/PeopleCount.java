package dev.kisscam.core.domain;

import java.util.List;
import java.util.Objects;

/**
 * What a people detector saw in one photo: how many people are clearly visible, whether anyone looks
 * under 18, where each person stands (may be empty when the detector gives no boxes) and what it cost.
 */
public record PeopleCount(int people, boolean anyoneLooksUnderage, List<PersonBox> boxes, Spend spend) {
    public PeopleCount {
        if (people < 0) {
            throw new IllegalArgumentException("people cannot be negative");
        }
        boxes = List.copyOf(boxes);
        Objects.requireNonNull(spend, "spend");
    }
}
