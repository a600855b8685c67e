package dev.kisscam.adapter.grok;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** A picture ready to send: JPEG bytes and their size in pixels. */
record JpegImage(byte[] bytes, int width, int height) {
    private static final float QUALITY = 0.9f;

    static JpegImage encode(BufferedImage image) {
        BufferedImage rgb = Scaling.opaque(image);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } catch (IOException e) {
            // Writing to memory fails only on a broken encoder: not the photo's fault, nor the provider's.
            throw new UncheckedIOException("the JPEG encoder failed", e);
        } finally {
            writer.dispose();
        }
        return new JpegImage(out.toByteArray(), rgb.getWidth(), rgb.getHeight());
    }

    String dataUri() {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "JpegImage[" + width + "x" + height + ", " + bytes.length + " bytes]";
    }
}
