package dev.kisscam.adapter.grok;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Resizes images for sending: never up, aspect ratio kept, always opaque RGB (what JPEG can hold). */
final class Scaling {
    private Scaling() {
    }

    /** The image with its long side at most {@code maxSide}. */
    static BufferedImage fitWithin(BufferedImage image, int maxSide) {
        int longSide = Math.max(image.getWidth(), image.getHeight());
        if (longSide <= maxSide) {
            return opaque(image);
        }
        double factor = maxSide / (double) longSide;
        return resize(image, Math.max(1, (int) Math.round(image.getWidth() * factor)),
                Math.max(1, (int) Math.round(image.getHeight() * factor)));
    }

    /** The image scaled to {@code height} (never more than it has), width following. */
    static BufferedImage toHeight(BufferedImage image, int height) {
        if (height >= image.getHeight()) {
            return opaque(image);
        }
        int width = Math.max(1, (int) Math.round(image.getWidth() * height / (double) image.getHeight()));
        return resize(image, width, height);
    }

    /**
     * Halves first while the target is at most half the size: one bilinear step over a large reduction
     * samples too few source pixels and leaves the result jagged.
     */
    static BufferedImage resize(BufferedImage image, int width, int height) {
        BufferedImage current = image;
        int w = image.getWidth();
        int h = image.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h);
        }
        return w == width && h == height && current != image ? current : draw(current, width, height);
    }

    static BufferedImage opaque(BufferedImage image) {
        return image.getType() == BufferedImage.TYPE_INT_RGB ? image : draw(image, image.getWidth(), image.getHeight());
    }

    private static BufferedImage draw(BufferedImage source, int width, int height) {
        var target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // Transparent pixels become white rather than JPEG's black.
            g.drawImage(source, 0, 0, width, height, Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
