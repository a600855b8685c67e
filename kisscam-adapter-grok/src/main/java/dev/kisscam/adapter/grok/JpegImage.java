package dev.kisscam.adapter.grok;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** A picture ready to send: JPEG bytes and their size in pixels. */
record JpegImage(byte[] bytes, int width, int height) {
    static final String MEDIA_TYPE = "image/jpeg";
    private static final float QUALITY = 0.9f;

    /** Encodes at quality 0.9; the pixels are turned into 3-byte BGR first if they are not already. */
    static JpegImage encode(BufferedImage image) {
        BufferedImage bgr = Scaling.opaque(image);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream(bgr.getWidth() * bgr.getHeight() / 4);
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(bgr, null, null), param);
        } catch (IOException e) {
            // Writing to memory fails only on a broken encoder: not the photo's fault, nor the provider's.
            throw new UncheckedIOException("the JPEG encoder failed", e);
        } finally {
            writer.dispose();
        }
        return new JpegImage(out.toByteArray(), bgr.getWidth(), bgr.getHeight());
    }

    /** The length of these bytes in base64, as they go into a data URI. */
    long base64Length() {
        return 4L * ((bytes.length + 2) / 3);
    }

    @Override
    public String toString() {
        return "JpegImage[" + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
