package dev.kisscam.adapter.grok;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.util.Arrays;
import java.util.Optional;

/**
 * libjpeg-turbo, the JPEG library of most Linux distributions (Debian's {@code libturbojpeg0}), through its
 * TurboJPEG API. It does two things the JDK's JPEG reader and writer cannot: it decodes straight at a
 * fraction of the size (the inverse DCT of each 8x8 block makes 3x3 pixels instead of 64 and throws nothing
 * away afterwards), and it encodes from 3-byte BGR with SIMD. A 12-megapixel photo is decoded at 1500x1125 in
 * about a third of the time ImageIO takes to decode and subsample it, and encoded in a sixth of the time.
 *
 * <p>Only the 2.x API is used, which libjpeg-turbo 3 keeps. A handle serves one call at a time, so every call
 * makes its own (that costs microseconds). Any failure answers empty, and the caller uses ImageIO instead: a
 * damaged photo is then reported by the same decoder as before.
 */
final class TurboJpeg {
    /** TJPF_BGR: the byte order of {@link BufferedImage#TYPE_3BYTE_BGR}'s raster. */
    private static final int BGR = 1;
    /** TJSAMP_420: what ImageIO's writer does for colour, so both encoders make the same kind of file. */
    private static final int CHROMA_420 = 2;
    /** The IJG quality ImageIO's 0.9 stands for. */
    private static final int QUALITY = 90;
    /** The scaling factors libjpeg-turbo's decoder offers below full size: n/8. */
    private static final int EIGHTHS = 8;

    /** The part of the TurboJPEG 2 API used here; names as in turbojpeg.h. */
    interface Api extends Library {
        Pointer tjInitDecompress();

        Pointer tjInitCompress();

        int tjDestroy(Pointer handle);

        int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong jpegSize, byte[] destination, int width, int pitch,
                int height, int pixelFormat, int flags);

        int tjCompress2(Pointer handle, byte[] source, int width, int pitch, int height, int pixelFormat,
                PointerByReference jpeg, NativeLongByReference jpegSize, int subsampling, int quality, int flags);

        void tjFree(Pointer buffer);

        String tjGetErrorStr2(Pointer handle);
    }

    private final Api api;

    private TurboJpeg(Api api) {
        this.api = api;
    }

    /** The library, when this machine has it; JNA finds {@code libturbojpeg.so.0} without the -dev symlink. */
    static Optional<TurboJpeg> load() {
        try {
            return Optional.of(new TurboJpeg(Native.load("turbojpeg", Api.class)));
        } catch (LinkageError | RuntimeException e) {
            // Not installed, or JNA could not unpack its own native part (a read-only home and temp): ImageIO it is.
            System.getLogger(TurboJpeg.class.getName()).log(System.Logger.Level.DEBUG, "libjpeg-turbo not loaded", e);
            return Optional.empty();
        }
    }

    /**
     * The JPEG decoded at the smallest size of n/8 whose long side is at least {@code minSide} (full size when
     * none is), as 3-byte BGR; empty when libjpeg-turbo refuses it.
     */
    Optional<BufferedImage> decode(byte[] jpeg, int width, int height, int minSide) {
        int eighths = eighthsFor(Math.max(width, height), minSide);
        // TJSCALED: the decoder rounds a scaled side up.
        int scaledWidth = (width * eighths + EIGHTHS - 1) / EIGHTHS;
        int scaledHeight = (height * eighths + EIGHTHS - 1) / EIGHTHS;
        var image = new BufferedImage(scaledWidth, scaledHeight, BufferedImage.TYPE_3BYTE_BGR);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Pointer handle = api.tjInitDecompress();
        if (handle == null) {
            return Optional.empty();
        }
        try {
            int result = api.tjDecompress2(handle, jpeg, new NativeLong(jpeg.length), pixels, scaledWidth, 0,
                    scaledHeight, BGR, 0);
            return result == 0 ? Optional.of(image) : Optional.empty();
        } finally {
            api.tjDestroy(handle);
        }
    }

    /** The image as a JPEG, when it is a plain 3-byte BGR raster; empty otherwise or when the encoder fails. */
    Optional<JpegImage> encode(BufferedImage image) {
        if (!plainBgr(image)) {
            return Optional.empty();
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        Pointer handle = api.tjInitCompress();
        if (handle == null) {
            return Optional.empty();
        }
        var jpeg = new PointerByReference();
        var size = new NativeLongByReference();
        try {
            int result = api.tjCompress2(handle, pixels, image.getWidth(), 0, image.getHeight(), BGR, jpeg, size,
                    CHROMA_420, QUALITY, 0);
            if (result != 0 || jpeg.getValue() == null) {
                return Optional.empty();
            }
            byte[] bytes = jpeg.getValue().getByteArray(0, Math.toIntExact(size.getValue().longValue()));
            return Optional.of(new JpegImage(bytes, image.getWidth(), image.getHeight()));
        } finally {
            if (jpeg.getValue() != null) {
                api.tjFree(jpeg.getValue());
            }
            api.tjDestroy(handle);
        }
    }

    /** The smallest n/8 (n = 1..8) that leaves {@code longSide} at least {@code minSide}. */
    static int eighthsFor(int longSide, int minSide) {
        for (int n = 1; n < EIGHTHS; n++) {
            if ((long) longSide * n >= (long) minSide * EIGHTHS) {
                return n;
            }
        }
        return EIGHTHS;
    }

    /** Rows packed one after the other, three bytes a pixel in B, G, R order, from the start of the array. */
    private static boolean plainBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR
                || !(image.getRaster().getDataBuffer() instanceof DataBufferByte data)
                || !(image.getSampleModel() instanceof ComponentSampleModel model)) {
            return false;
        }
        return data.getNumBanks() == 1 && data.getOffset() == 0 && model.getPixelStride() == 3
                && model.getScanlineStride() == image.getWidth() * 3
                && Arrays.equals(model.getBandOffsets(), new int[] {2, 1, 0})
                && image.getRaster().getSampleModelTranslateX() == 0
                && image.getRaster().getSampleModelTranslateY() == 0;
    }
}
