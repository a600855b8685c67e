package dev.kisscam.core.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Real image files made on the fly, and hand-made headers for the cases no encoder would write (a
 * 50000x50000 PNG, a WebP header). {@code seed} makes images of the same size differ in content.
 */
public final class TestImages {
    private TestImages() {
    }

    /** The digest the core takes of these bytes while they stream in. */
    public static dev.kisscam.core.domain.PhotoDigest digestOf(byte[] bytes) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return new dev.kisscam.core.domain.PhotoDigest(java.util.HexFormat.of().formatHex(sha));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] jpeg(int width, int height, int seed) {
        return encode(picture(width, height, seed), "jpg");
    }

    public static byte[] png(int width, int height, int seed) {
        return encode(picture(width, height, seed), "png");
    }

    /** A lossless WebP file header (RIFF, VP8L) that declares the size; enough for anything that reads headers. */
    public static byte[] webpLossless(int width, int height) {
        ByteBuffer vp8l = ByteBuffer.allocate(5 + 16).order(ByteOrder.LITTLE_ENDIAN);
        vp8l.put((byte) 0x2f);
        int bits = (width - 1) & 0x3fff | ((height - 1) & 0x3fff) << 14;
        vp8l.putInt(bits);
        return riff("VP8L", vp8l.array());
    }

    /** An extended WebP header (VP8X) that declares a canvas size. */
    public static byte[] webpExtended(int width, int height) {
        ByteBuffer vp8x = ByteBuffer.allocate(10 + 16).order(ByteOrder.LITTLE_ENDIAN);
        vp8x.putInt(0);
        putUint24(vp8x, width - 1);
        putUint24(vp8x, height - 1);
        return riff("VP8X", vp8x.array());
    }

    /** A PNG that declares the given size in its header and holds one empty image data chunk and IEND. */
    public static byte[] pngHeaderOnly(int width, int height) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a});
        ByteBuffer ihdr = ByteBuffer.allocate(13);
        ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    public static byte[] truncated(byte[] image, int keepBytes) {
        return Arrays.copyOf(image, keepBytes);
    }

    public static byte[] pdf() {
        return "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes();
    }

    public static byte[] gif() {
        return new byte[] {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, 0, 0, 0, ';'};
    }

    public static byte[] heic() {
        return new byte[] {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0,
            'm', 'i', 'f', '1', 'h', 'e', 'i', 'c', 0, 0, 0, 0};
    }

    private static BufferedImage picture(int width, int height, int seed) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(Math.floorMod(seed * 40503, 0xffffff)));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(Math.floorMod(seed * 7919 + 0x445566, 0xffffff)));
            g.fillOval(width / 4, height / 4, width / 2, height / 2);
        } finally {
            g.dispose();
        }
        return image;
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

    private static byte[] riff(String chunkType, byte[] chunkData) {
        ByteBuffer file = ByteBuffer.allocate(12 + 8 + chunkData.length).order(ByteOrder.LITTLE_ENDIAN);
        file.put("RIFF".getBytes()).putInt(4 + 8 + chunkData.length).put("WEBP".getBytes());
        file.put(chunkType.getBytes()).putInt(chunkData.length).put(chunkData);
        return file.array();
    }

    private static void putUint24(ByteBuffer buffer, int value) {
        buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.putInt(data.length).put(type.getBytes());
        out.writeBytes(header.array());
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
