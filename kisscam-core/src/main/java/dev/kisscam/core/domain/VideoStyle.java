package dev.kisscam.core.domain;

import java.util.Objects;

/**
 * How the kiss looks (gentle, cinematic, in the rain...), named by an id the frontends show and the
 * provider turns into words of its prompt. The core knows which ids exist from its settings.
 */
public record VideoStyle(String id) {
    public static final VideoStyle GENTLE = new VideoStyle("gentle");
    /**
     * "Whatever the core's default is": what a frontend sends when the requester chose nothing. The core
     * replaces it with its first configured style at intake, so no job is ever made, or stored, in it.
     */
    public static final VideoStyle DEFAULT = new VideoStyle("default");

    public VideoStyle {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("a style id is 1 to 32 lower-case letters, digits or dashes");
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
