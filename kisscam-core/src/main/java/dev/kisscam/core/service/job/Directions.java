package dev.kisscam.core.service.job;

import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.domain.Refusal;
import dev.kisscam.core.domain.VideoStyle;
import java.util.List;
import java.util.Optional;

/** Whether a requester's direction can be made: a style this core offers, and a wish it may make. */
public final class Directions {
    private final List<VideoStyle> styles;
    private final WishScreen wishes = new WishScreen();

    public Directions(List<VideoStyle> styles) {
        this.styles = List.copyOf(styles);
    }

    /** The direction with the default style in place of {@link VideoStyle#DEFAULT}. */
    public Direction resolved(Direction direction) {
        return direction.style().equals(VideoStyle.DEFAULT) ? direction.withStyle(styles.getFirst()) : direction;
    }

    /** Why this (resolved) direction cannot be made, if it cannot. */
    public Optional<Refusal> refusal(Direction direction) {
        if (!styles.contains(direction.style())) {
            return Optional.of(new Refusal.UnknownStyle(direction.style()));
        }
        return direction.wish().flatMap(wishes::refusal);
    }

    public boolean offers(VideoStyle style) {
        return styles.contains(style);
    }
}
