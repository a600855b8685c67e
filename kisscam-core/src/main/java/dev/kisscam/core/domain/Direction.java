package dev.kisscam.core.domain;

import java.util.Objects;
import java.util.Optional;

/** How a requester wants their video made: a style, and perhaps a wish in their own words. */
public record Direction(VideoStyle style, Optional<Wish> wish) {
    /** No choice made: the core's default style, no wish. */
    public static final Direction DEFAULT = new Direction(VideoStyle.DEFAULT, Optional.empty());

    public Direction {
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(wish, "wish");
    }

    /** Whether the requester chose anything: a style of their own, or a wish. */
    public boolean saysAnything() {
        return wish.isPresent() || !style.equals(VideoStyle.DEFAULT);
    }

    public Direction withStyle(VideoStyle newStyle) {
        return new Direction(newStyle, wish);
    }
}
