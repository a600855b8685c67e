package dev.kisscam.core.service.image;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Tells what an image is from its magic bytes and how large it claims to be from its header, without
 * decoding a pixel: a 50000x50000 PNG is refused from 24 bytes, before anything allocates its pixels.
 */
final class ImageProbe {

    /** The header (with EXIF and other metadata before the frame header) must lie within this many bytes. */
    static final int HEADER_LIMIT = 1024 * 1024;

    private static final int PREFIX = 32;

    sealed interface Result {
    }

    record Recognised(ImageFormat format, Dimensions dimensions) implements Result {
    }

    record Unsupported(String detected) implements Result {
    }

    record Unreadable(String why) implements Result {
    }

    private ImageProbe() {
    }

    /** Reads at most {@link #HEADER_LIMIT} bytes of {@code in}; failures of {@code in} itself propagate. */
    static Result probe(InputStream in) throws IOException {
        byte[] prefix = in.readNBytes(PREFIX);
        String unsupported = unsupportedFormat(prefix);
        if (unsupported != null) {
            return new Unsupported(unsupported);
        }
        var whole = new DataInputStream(new BoundedInput(
                new SequenceInputStream(new ByteArrayInputStream(prefix), in), HEADER_LIMIT));
        try {
            if (startsWith(prefix, 0, 0xff, 0xd8, 0xff)) {
                return jpeg(whole);
            }
            if (startsWith(prefix, 0, 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a)) {
                return png(prefix);
            }
            if (startsWith(prefix, 0, 'R', 'I', 'F', 'F') && startsWith(prefix, 8, 'W', 'E', 'B', 'P')) {
                return webp(prefix);
            }
        } catch (EOFException | HeaderTooLong e) {
            return new Unreadable("the image header is cut short or missing");
        }
        return new Unsupported(prefix.length == 0 ? "empty" : "unknown");
    }

    /** Names the formats people actually send that we refuse; null for ours and for the unknown. */
    private static String unsupportedFormat(byte[] p) {
        if (startsWith(p, 0, 'G', 'I', 'F', '8')) {
            return "GIF";
        }
        if (startsWith(p, 0, '%', 'P', 'D', 'F')) {
            return "PDF";
        }
        if (startsWith(p, 4, 'f', 't', 'y', 'p')) {
            String brand = p.length >= 12 ? new String(p, 8, 4, java.nio.charset.StandardCharsets.US_ASCII) : "";
            return switch (brand) {
                case "heic", "heix", "hevc", "hevx", "mif1", "msf1", "heim", "heis" -> "HEIC";
                case "avif", "avis" -> "AVIF";
                default -> "video";
            };
        }
        if (startsWith(p, 0, 'I', 'I', 42, 0) || startsWith(p, 0, 'M', 'M', 0, 42)) {
            return "TIFF";
        }
        if (startsWith(p, 0, 'B', 'M')) {
            return "BMP";
        }
        if (startsWith(p, 0, 'P', 'K', 3, 4)) {
            return "ZIP";
        }
        if (startsWith(p, 0, 0x1a, 0x45, 0xdf, 0xa3)) {
            return "video";
        }
        return null;
    }

    private static Result jpeg(DataInputStream in) throws IOException {
        in.skipNBytes(2);
        while (true) {
            int marker = nextMarker(in);
            if (isStartOfFrame(marker)) {
                in.readUnsignedShort(); // segment length
                in.readUnsignedByte(); // sample precision
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                if (width == 0 || height == 0) {
                    return new Unreadable("the JPEG frame header declares no size");
                }
                return new Recognised(ImageFormat.JPEG, new Dimensions(width, height));
            }
            if (marker == 0xd9 || marker == 0xda) {
                return new Unreadable("the JPEG has no frame header before its image data");
            }
            if (marker == 0x01 || marker >= 0xd0 && marker <= 0xd8) {
                continue; // stand-alone markers carry no length
            }
            int length = in.readUnsignedShort();
            if (length < 2) {
                return new Unreadable("a JPEG segment declares an impossible length");
            }
            in.skipNBytes(length - 2);
        }
    }

    private static int nextMarker(DataInputStream in) throws IOException {
        int b = in.readUnsignedByte();
        while (b != 0xff) { // tolerate stray bytes between segments, as decoders do
            b = in.readUnsignedByte();
        }
        while (b == 0xff) { // fill bytes
            b = in.readUnsignedByte();
        }
        return b;
    }

    static boolean isStartOfFrame(int marker) {
        return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
    }

    private static Result png(byte[] p) throws EOFException {
        need(p, 24);
        if (!startsWith(p, 12, 'I', 'H', 'D', 'R')) {
            return new Unreadable("the PNG does not start with its header chunk");
        }
        long width = uint32be(p, 16);
        long height = uint32be(p, 20);
        if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return new Unreadable("the PNG header declares an impossible size");
        }
        return new Recognised(ImageFormat.PNG, new Dimensions((int) width, (int) height));
    }

    private static Result webp(byte[] p) throws EOFException {
        need(p, 30);
        if (startsWith(p, 12, 'V', 'P', '8', ' ')) {
            if (!startsWith(p, 23, 0x9d, 0x01, 0x2a)) {
                return new Unreadable("the lossy WebP frame has no start code");
            }
            int width = uint16le(p, 26) & 0x3fff;
            int height = uint16le(p, 28) & 0x3fff;
            return sized(width, height);
        }
        if (startsWith(p, 12, 'V', 'P', '8', 'L')) {
            if ((p[20] & 0xff) != 0x2f) {
                return new Unreadable("the lossless WebP has no signature");
            }
            long bits = uint32le(p, 21);
            return sized((int) (bits & 0x3fff) + 1, (int) (bits >> 14 & 0x3fff) + 1);
        }
        if (startsWith(p, 12, 'V', 'P', '8', 'X')) {
            return sized(uint24le(p, 24) + 1, uint24le(p, 27) + 1);
        }
        return new Unreadable("the WebP holds no image chunk we know");
    }

    private static Result sized(int width, int height) {
        if (width <= 0 || height <= 0) {
            return new Unreadable("the WebP header declares no size");
        }
        return new Recognised(ImageFormat.WEBP, new Dimensions(width, height));
    }

    private static void need(byte[] p, int length) throws EOFException {
        if (p.length < length) {
            throw new EOFException();
        }
    }

    private static boolean startsWith(byte[] p, int offset, int... expected) {
        if (p.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((p[offset + i] & 0xff) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static long uint32be(byte[] p, int o) {
        return (p[o] & 0xffL) << 24 | (p[o + 1] & 0xffL) << 16 | (p[o + 2] & 0xffL) << 8 | p[o + 3] & 0xffL;
    }

    private static long uint32le(byte[] p, int o) {
        return (p[o + 3] & 0xffL) << 24 | (p[o + 2] & 0xffL) << 16 | (p[o + 1] & 0xffL) << 8 | p[o] & 0xffL;
    }

    private static int uint24le(byte[] p, int o) {
        return (p[o + 2] & 0xff) << 16 | (p[o + 1] & 0xff) << 8 | p[o] & 0xff;
    }

    private static int uint16le(byte[] p, int o) {
        return (p[o + 1] & 0xff) << 8 | p[o] & 0xff;
    }

    /** Thrown when the header has not ended within {@link #HEADER_LIMIT}. */
    private static final class HeaderTooLong extends IOException {
        HeaderTooLong() {
            super("no image header within the first " + HEADER_LIMIT + " bytes");
        }
    }

    /** Stops a header parser that wanders: metadata in front of a frame header has a limit. */
    private static final class BoundedInput extends InputStream {
        private final InputStream in;
        private long left;

        BoundedInput(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new HeaderTooLong();
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new HeaderTooLong();
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
