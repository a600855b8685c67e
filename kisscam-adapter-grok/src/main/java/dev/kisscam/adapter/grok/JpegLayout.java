package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.JpegBytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A JPEG file's segments, walked without decoding a pixel: its size, colour components and coding, its EXIF
 * block, which segments carry only metadata, and where the image ends. What decides whether a photo can go to
 * xAI exactly as it is.
 */
final class JpegLayout {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int APP0 = 0xE0;
    private static final int APP1 = 0xE1;
    private static final int APP2 = 0xE2;
    private static final int APP14 = 0xEE;
    private static final int APP15 = 0xEF;
    private static final int COM = 0xFE;
    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);
    /** Component ids 'R', 'G', 'B': an RGB JPEG, which some decoders would read as YCbCr. */
    private static final byte[] RGB_IDS = {'R', 'G', 'B'};

    private final byte[] file;
    private final Frame frame;
    private final int adobeTransform;
    private final Segment exif;
    private final List<Segment> metadata;
    private final boolean colourProfile;
    private final int end;

    private JpegLayout(byte[] file, Frame frame, int adobeTransform, Segment exif, List<Segment> metadata,
            boolean colourProfile, int end) {
        this.file = file;
        this.frame = frame;
        this.adobeTransform = adobeTransform;
        this.exif = exif;
        this.metadata = metadata;
        this.colourProfile = colourProfile;
        this.end = end;
    }

    /** The frame header: the start-of-frame marker tells the coding (0xC0 baseline, 0xC2 progressive, ...). */
    record Frame(int marker, int precision, int width, int height, byte[] componentIds) {
    }

    /** Bytes {@code [start, end)} of the file: a whole segment, marker and length included. */
    record Segment(int start, int end) {
    }

    /** The layout, or empty when the bytes are not a JPEG this walk can follow to its end. */
    static Optional<JpegLayout> read(byte[] file) {
        if (file.length < 4 || u8(file, 0) != 0xFF || u8(file, 1) != SOI) {
            return Optional.empty();
        }
        Frame frame = null;
        int adobeTransform = -1;
        Segment exif = null;
        List<Segment> metadata = new ArrayList<>();
        boolean colourProfile = false;
        int pos = 2;
        while (true) {
            int marker = markerAt(file, pos);
            if (marker < 0) {
                return Optional.empty();
            }
            if (marker == EOI) {
                return frame == null ? Optional.empty()
                        : Optional.of(new JpegLayout(file, frame, adobeTransform, exif, metadata, colourProfile, pos + 2));
            }
            if (pos + 4 > file.length) {
                return Optional.empty();
            }
            int segmentEnd = pos + 2 + u16(file, pos + 2);
            if (segmentEnd > file.length || segmentEnd < pos + 4) {
                return Optional.empty();
            }
            var segment = new Segment(pos, segmentEnd);
            int payload = pos + 4;
            if (isFrame(marker) && segmentEnd - payload >= 6) {
                int components = u8(file, payload + 5);
                byte[] ids = new byte[components];
                for (int i = 0; i < components && payload + 6 + 3 * i < segmentEnd; i++) {
                    ids[i] = file[payload + 6 + 3 * i];
                }
                frame = new Frame(marker, u8(file, payload), u16(file, payload + 3), u16(file, payload + 1), ids);
            } else if (marker == APP14 && startsWith(file, payload, segmentEnd, ADOBE) && segmentEnd - payload >= 12) {
                adobeTransform = u8(file, payload + 11);
            } else if (marker == APP1 && exif == null && startsWith(file, payload, segmentEnd, EXIF)) {
                exif = segment;
                metadata.add(segment);
            } else if (onlyMetadata(file, marker, payload, segmentEnd)) {
                metadata.add(segment);
            } else if (marker == APP2) {
                colourProfile = true;
            }
            pos = marker == SOS ? endOfScan(file, segmentEnd) : segmentEnd;
        }
    }

    Frame frame() {
        return frame;
    }

    /** The Adobe segment's colour transform (0 none, 1 YCbCr, 2 YCCK), or -1 without an Adobe segment. */
    int adobeTransform() {
        return adobeTransform;
    }

    /** Whether the file carries an ICC colour profile, which a colour-managed decoder applies to its pixels. */
    boolean hasColourProfile() {
        return colourProfile;
    }

    /** The EXIF block's payload (after marker and length), if the file has one. */
    Optional<byte[]> exifPayload() {
        return Optional.ofNullable(exif).map(s -> Arrays.copyOfRange(file, s.start() + 4, s.end()));
    }

    /**
     * Whether any decoder reads the pixels as their maker meant: 8-bit Huffman coding (baseline, extended or
     * progressive), and grey or YCbCr colour; CMYK, YCCK and RGB-coded files are left for a decoder that knows
     * them to turn into ordinary RGB.
     */
    boolean plainlyDecodable() {
        boolean huffman8 = frame.precision() == 8 && (frame.marker() == 0xC0 || frame.marker() == 0xC1 || frame.marker() == 0xC2);
        boolean grey = frame.componentIds().length == 1;
        boolean yCbCr = frame.componentIds().length == 3 && adobeTransform != 0 && adobeTransform != 2
                && !Arrays.equals(frame.componentIds(), RGB_IDS);
        return huffman8 && (grey || yCbCr);
    }

    /**
     * The file without what only describes it (EXIF with its GPS position and camera serial, XMP, IPTC,
     * comments, thumbnails) and without anything after the image ends; the colour profile and the JFIF and
     * Adobe segments stay, since they change how the pixels look.
     */
    byte[] withoutMetadata() {
        var out = new ByteArrayOutputStream(end);
        int from = 0;
        for (Segment segment : metadata) {
            out.write(file, from, segment.start() - from);
            from = segment.end();
        }
        out.write(file, from, end - from);
        return out.toByteArray();
    }

    private static boolean isFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static boolean onlyMetadata(byte[] file, int marker, int payload, int segmentEnd) {
        if (marker == APP2) {
            return !startsWith(file, payload, segmentEnd, ICC);
        }
        return (marker > APP0 && marker <= APP15 && marker != APP14) || marker == COM;
    }

    /** The marker at {@code pos} (fill bytes skipped), or -1 when there is none. */
    private static int markerAt(byte[] file, int pos) {
        if (pos + 1 >= file.length || u8(file, pos) != 0xFF) {
            return -1;
        }
        int marker = u8(file, pos + 1);
        return marker == 0xFF || marker == 0 ? -1 : marker;
    }

    /**
     * Where the entropy-coded data after a scan header ends: at the first marker that is neither a stuffed
     * 0xFF nor a restart marker. Scan data cannot contain any other marker, so this is exact.
     */
    private static int endOfScan(byte[] file, int from) {
        for (int i = JpegBytes.nextFF(file, from, file.length - 1); i + 1 < file.length;
                i = JpegBytes.nextFF(file, i + 1, file.length - 1)) {
            int next = u8(file, i + 1);
            if (next != 0 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                return i;
            }
        }
        return file.length;
    }

    private static boolean startsWith(byte[] file, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(file, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int u8(byte[] bytes, int at) {
        return bytes[at] & 0xFF;
    }

    private static int u16(byte[] bytes, int at) {
        return (u8(bytes, at) << 8) | u8(bytes, at + 1);
    }
}
