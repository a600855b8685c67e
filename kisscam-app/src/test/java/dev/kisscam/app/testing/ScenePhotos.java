package dev.kisscam.app.testing;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Photos whose content tells {@link SimulatedXai}'s vision model how many people they show: the whole photo
 * is one colour of a palette, and the palette index is the number of people. The colours lie far apart, so
 * the count survives JPEG recompression, scaling and noise, which is all the adapter does to a photo before
 * the vision model sees it.
 */
public final class ScenePhotos {
    /** Index = people shown: near-black grey for nobody, then blue, green and red. */
    static final List<Color> PALETTE = List.of(
            new Color(40, 40, 40), new Color(30, 60, 200), new Color(30, 170, 60), new Color(200, 40, 40));
    /** Per-channel noise of {@link #noisyJpeg}: enough to make a camera-sized JPEG weigh megabytes. */
    static final int NOISE = 40;
    /** Enough samples for a stable mean; reading every pixel of a 12-megapixel photo would only cost time. */
    private static final int SAMPLES_PER_SIDE = 128;

    private ScenePhotos() {
    }

    public static byte[] jpeg(int people, int width, int height) {
        return encode(flat(people, width, height), "jpg");
    }

    public static byte[] png(int people, int width, int height) {
        return encode(flat(people, width, height), "png");
    }

    /**
     * A JPEG like a camera's: each channel of each pixel is moved by up to {@link #NOISE} at random, which
     * JPEG compresses poorly, so a 4000x3000 photo weighs several megabytes. The same seed gives the same bytes.
     */
    public static byte[] noisyJpeg(int people, int width, int height, long seed) {
        BufferedImage image = flat(people, width, height);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        var random = new Random(seed);
        for (int i = 0; i < pixels.length; i++) {
            int red = jitter((pixels[i] >> 16) & 0xFF, random);
            int green = jitter((pixels[i] >> 8) & 0xFF, random);
            int blue = jitter(pixels[i] & 0xFF, random);
            pixels[i] = (red << 16) | (green << 8) | blue;
        }
        return encode(image, "jpg");
    }

    /** The number of people a photo shows: the palette index nearest to its mean colour. */
    static int peopleIn(BufferedImage image) {
        int stepX = Math.max(1, image.getWidth() / SAMPLES_PER_SIDE);
        int stepY = Math.max(1, image.getHeight() / SAMPLES_PER_SIDE);
        long red = 0;
        long green = 0;
        long blue = 0;
        long samples = 0;
        for (int y = stepY / 2; y < image.getHeight(); y += stepY) {
            for (int x = stepX / 2; x < image.getWidth(); x += stepX) {
                int rgb = image.getRGB(x, y);
                red += (rgb >> 16) & 0xFF;
                green += (rgb >> 8) & 0xFF;
                blue += rgb & 0xFF;
                samples++;
            }
        }
        return nearest(red / (double) samples, green / (double) samples, blue / (double) samples);
    }

    private static int nearest(double red, double green, double blue) {
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int people = 0; people < PALETTE.size(); people++) {
            Color colour = PALETTE.get(people);
            double distance = square(red - colour.getRed()) + square(green - colour.getGreen())
                    + square(blue - colour.getBlue());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = people;
            }
        }
        return best;
    }

    private static BufferedImage flat(int people, int width, int height) {
        if (people < 0 || people >= PALETTE.size()) {
            throw new IllegalArgumentException("a scene photo shows 0.." + (PALETTE.size() - 1) + " people, not " + people);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a photo has a positive size, not " + width + "x" + height);
        }
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Arrays.fill(((DataBufferInt) image.getRaster().getDataBuffer()).getData(),
                PALETTE.get(people).getRGB() & 0xFFFFFF);
        return image;
    }

    private static int jitter(int channel, Random random) {
        return Math.clamp(channel + random.nextInt(2 * NOISE + 1) - NOISE, 0, 255);
    }

    private static double square(double value) {
        return value * value;
    }

    private static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
