package dev.kisscam.adapter.grok;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Resizes and turns images for sending: never up, aspect ratio kept, always opaque 3-byte BGR, which is what
 * JPEG holds and what the JDK's JPEG encoder takes without converting pixel by pixel.
 */
final class Scaling {
    static final int RGB = BufferedImage.TYPE_3BYTE_BGR;

    private Scaling() {
    }

    /**
     * The image turned upright by its EXIF orientation and scaled so its long side is at most {@code maxSide},
     * in one pass over its pixels: no upright copy at full size is ever made.
     */
    static BufferedImage uprightWithin(BufferedImage stored, int orientation, int maxSide) {
        int storedWidth = stored.getWidth();
        int storedHeight = stored.getHeight();
        boolean swaps = ExifOrientation.swapsSides(orientation);
        int uprightWidth = swaps ? storedHeight : storedWidth;
        int uprightHeight = swaps ? storedWidth : storedHeight;
        double factor = Math.min(1.0, maxSide / (double) Math.max(uprightWidth, uprightHeight));
        if (factor < 0.5) {
            // One bilinear step over a large reduction samples too few source pixels; halve first.
            int width = Math.max(1, (int) Math.round(storedWidth * factor));
            int height = Math.max(1, (int) Math.round(storedHeight * factor));
            return uprightWithin(resize(stored, width, height), orientation, maxSide);
        }
        int width = Math.max(1, (int) Math.round(uprightWidth * factor));
        int height = Math.max(1, (int) Math.round(uprightHeight * factor));
        if (width == uprightWidth && height == uprightHeight && !swaps && orientation == ExifOrientation.NORMAL) {
            return opaque(stored);
        }
        var place = AffineTransform.getScaleInstance(width / (double) uprightWidth, height / (double) uprightHeight);
        place.concatenate(ExifOrientation.turn(orientation, storedWidth, storedHeight));
        return draw(stored, width, height, place);
    }

    /** The image with its long side at most {@code maxSide}. */
    static BufferedImage fitWithin(BufferedImage image, int maxSide) {
        return uprightWithin(image, ExifOrientation.NORMAL, maxSide);
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
            current = scaled(current, w, h);
        }
        return w == width && h == height && current != image ? current : scaled(current, width, height);
    }

    static BufferedImage opaque(BufferedImage image) {
        return image.getType() == RGB ? image : draw(image, image.getWidth(), image.getHeight(), new AffineTransform());
    }

    private static BufferedImage scaled(BufferedImage source, int width, int height) {
        return draw(source, width, height,
                AffineTransform.getScaleInstance(width / (double) source.getWidth(), height / (double) source.getHeight()));
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, AffineTransform place) {
        var target = new BufferedImage(width, height, RGB);
        Graphics2D g = target.createGraphics();
        try {
            if (source.getColorModel().hasAlpha()) {
                // Transparent pixels become white rather than JPEG's black.
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
            }
            boolean exact = Math.abs(place.getScaleX()) == 1 || Math.abs(place.getShearX()) == 1;
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, exact
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, place, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
