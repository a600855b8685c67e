package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.MediaKind;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.testing.InMemoryMediaStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Photos with content a test can recognise after rotation, scaling and composition. */
final class TestPhotos {
    static final Color RED = new Color(220, 30, 30);
    static final Color BLUE = new Color(30, 30, 220);
    static final Color WHITE = Color.WHITE;

    /**
     * A real lossless WebP, 40x24, left half RED and right half BLUE, made with libwebp's
     * {@code cwebp -lossless -exact} from a PPM and checked to decode back to the same pixels with {@code dwebp}.
     */
    static final byte[] WEBP_LOSSLESS_40X24 = Base64.getDecoder().decode(
            "UklGRioAAABXRUJQVlA4TB4AAAAvJ8AFAA8wHvfwvRD3/EcLhASEB/6vtUCP6H+UsAQ=");

    /** A real lossy WebP (VP8), 64x48, the same halves, made with {@code cwebp -q 90}. */
    static final byte[] WEBP_LOSSY_64X48 = Base64.getDecoder().decode(
            "UklGRmoAAABXRUJQVlA4IF4AAABwBQCdASpAADAAPjEYiUMiIaEVXAQAIAMEsYBqJsb/APxA2AzgH4gfqqAMo3aefvICs8AAAP70UN5v"
                    + "gsFPgvMydK1//1oQnveegW3w9Pf+wyhNhpSygQyYbsE7sAAA");

    private TestPhotos() {
    }

    /** Left half one colour, right half another. */
    static BufferedImage halves(int width, int height, Color left, Color right) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(left);
            g.fillRect(0, 0, width / 2, height);
            g.setColor(right);
            g.fillRect(width / 2, 0, width - width / 2, height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** A white photo with a coloured block where a person stands (fractions of the photo). */
    static BufferedImage personAt(int width, int height, Color colour, double left, double personWidth) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(colour);
            g.fillRect((int) (left * width), 0, (int) (personWidth * width), height);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * Something like a photo, for measuring and for comparing colours: a sky-to-ground gradient, a few large
     * shapes in different colours, and up to {@code noise} of random change per channel and pixel, as a
     * camera's sensor leaves it, so a JPEG of it weighs what a real one of that size does. The same seed gives
     * the same picture.
     */
    static BufferedImage scene(int width, int height, long seed, int noise) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var random = new java.util.Random(seed);
        Graphics2D g = image.createGraphics();
        try {
            g.setPaint(new java.awt.GradientPaint(0, 0, new Color(120, 170, 230), 0, height, new Color(90, 70, 40)));
            g.fillRect(0, 0, width, height);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
                int w = width / 6 + random.nextInt(width / 4);
                int h = height / 6 + random.nextInt(height / 3);
                g.fillOval(random.nextInt(width - w), random.nextInt(height - h), w, h);
            }
        } finally {
            g.dispose();
        }
        int[] pixels = ((java.awt.image.DataBufferInt) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            pixels[i] = jitter(p >> 16, random, noise) << 16 | jitter(p >> 8, random, noise) << 8 | jitter(p, random, noise);
        }
        return image;
    }

    private static int jitter(int channel, java.util.Random random, int noise) {
        return Math.clamp((channel & 0xFF) + random.nextInt(2 * noise + 1) - noise, 0, 255);
    }

    /** A JPEG at this quality (0..1), written by the JDK's encoder as a camera or Telegram would write one. */
    static byte[] jpeg(BufferedImage image, float quality) {
        return writeJpeg(new IIOImage(image, null, null), quality);
    }

    /** A JPEG as the JDK's encoder writes it by default (quality 0.75). */
    static byte[] jpeg(BufferedImage image) {
        return encode(image, "jpg");
    }

    static byte[] png(BufferedImage image) {
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        var out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** With the JDK's JPEG encoder at {@code quality} (0..1), or its default when null. */
    private static byte[] writeJpeg(IIOImage image, Float quality) {
        var out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            var param = writer.getDefaultWriteParam();
            if (quality != null) {
                param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality);
            }
            writer.write(null, image, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * The JPEG with an EXIF APP1 segment holding only an orientation tag, written by hand after the JFIF
     * APP0 segment: Exif header, big-endian TIFF header, one IFD with one SHORT entry (0x0112).
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 12 + 4);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        byte[] exif = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int length = 2 + exif.length + tiff.capacity();
        ByteBuffer app1 = ByteBuffer.allocate(2 + length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(exif).put(tiff.array());

        int insertAt = 2;
        if ((jpeg[2] & 0xFF) == 0xFF && (jpeg[3] & 0xFF) == 0xE0) {
            insertAt = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        }
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, insertAt);
        out.writeBytes(app1.array());
        out.write(jpeg, insertAt, jpeg.length - insertAt);
        return out.toByteArray();
    }

    /**
     * A CMYK JPEG as Photoshop writes them: four components stored inverted, and an Adobe APP14 segment
     * (transform 0) that tells readers the components are CMYK. Left half red (M+Y), right half blue (C+M).
     */
    static byte[] cmykJpeg(int width, int height) {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int[] red = {255, 25, 25, 255};
        int[] blue = {25, 25, 255, 255};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setPixel(x, y, x < width / 2 ? red : blue);
            }
        }
        byte[] jpeg = writeJpeg(new IIOImage(raster, null, null), null);
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        var file = new ByteArrayOutputStream();
        file.write(jpeg, 0, 2);
        file.writeBytes(adobe);
        file.write(jpeg, 2, jpeg.length - 2);
        return file.toByteArray();
    }

    static Photo store(InMemoryMediaStore media, byte[] file, ImageFormat format, int width, int height) {
        var stored = media.put(MediaKind.PHOTO, new ByteArrayInputStream(file));
        return new Photo(stored.key(), format, new Dimensions(width, height), stored.sizeBytes(),
                dev.kisscam.core.testing.TestImages.digestOf(file));
    }

    static Photo storeJpeg(InMemoryMediaStore media, BufferedImage image) {
        return store(media, jpeg(image), ImageFormat.JPEG, image.getWidth(), image.getHeight());
    }

    /** Decodes a {@code data:image/jpeg;base64,} URI, failing the test if it is anything else. */
    static BufferedImage fromDataUri(String uri) {
        String prefix = "data:image/jpeg;base64,";
        assertThat(uri).startsWith(prefix);
        byte[] bytes = Base64.getDecoder().decode(uri.substring(prefix.length()));
        assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        return decode(bytes);
    }

    /** Decodes with whatever reader ImageIO finds (TwelveMonkeys' for CMYK and WebP), failing the test if none can. */
    static BufferedImage decode(byte[] file) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
            assertThat(image).as("a decodable image").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the pixel is within JPEG's error of the colour. */
    static boolean near(BufferedImage image, int x, int y, Color expected) {
        var actual = new Color(image.getRGB(x, y));
        return Math.abs(actual.getRed() - expected.getRed()) < 40
                && Math.abs(actual.getGreen() - expected.getGreen()) < 40
                && Math.abs(actual.getBlue() - expected.getBlue()) < 40;
    }
}
