package dev.kisscam.adapter.grok;

import java.util.Arrays;
import java.util.Comparator;

/** The aspect ratios the video endpoint accepts. */
enum AspectRatio {
    SQUARE(1, 1),
    WIDE(16, 9),
    TALL(9, 16),
    LANDSCAPE(4, 3),
    PORTRAIT(3, 4),
    PHOTO_LANDSCAPE(3, 2),
    PHOTO_PORTRAIT(2, 3);

    private final int width;
    private final int height;

    AspectRatio(int width, int height) {
        this.width = width;
        this.height = height;
    }

    /** As the API spells it, {@code 16:9}. */
    String wireValue() {
        return width + ":" + height;
    }

    /** The allowed ratio nearest to {@code width:height}, measured as a factor (so 2:1 is as far from 1:1 as 1:2). */
    static AspectRatio closestTo(int width, int height) {
        double target = Math.log(width / (double) height);
        return Arrays.stream(values())
                .min(Comparator.comparingDouble(r -> Math.abs(Math.log(r.width / (double) r.height) - target)))
                .orElseThrow();
    }
}
