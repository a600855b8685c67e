package dev.kisscam.core.service.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;

class ImageEndTest {

    /** Feeds in uneven slices, as a network stream delivers them. */
    static boolean reachesEnd(ImageFormat format, byte[] bytes) {
        ImageEnd end = ImageEnd.of(format);
        int offset = 0;
        int slice = 1;
        while (offset < bytes.length) {
            int n = Math.min(slice, bytes.length - offset);
            end.feed(bytes, offset, n);
            offset += n;
            slice = slice * 3 % 8191 + 1;
        }
        return end.reached();
    }

    @Test
    void whole_images_reach_their_end() throws IOException {
        assertThat(reachesEnd(ImageFormat.JPEG, TestImages.jpeg(640, 480, 1))).isTrue();
        assertThat(reachesEnd(ImageFormat.JPEG, progressiveJpeg(640, 480))).isTrue();
        assertThat(reachesEnd(ImageFormat.PNG, TestImages.png(640, 480, 1))).isTrue();
        assertThat(reachesEnd(ImageFormat.WEBP, TestImages.webpLossless(640, 480))).isTrue();
    }

    @Test
    void truncated_images_do_not() throws IOException {
        byte[] jpeg = TestImages.jpeg(640, 480, 1);
        byte[] progressive = progressiveJpeg(640, 480);
        byte[] png = TestImages.png(640, 480, 1);
        byte[] webp = TestImages.webpLossless(640, 480);
        assertThat(reachesEnd(ImageFormat.JPEG, Arrays.copyOf(jpeg, jpeg.length - 2))).isFalse();
        assertThat(reachesEnd(ImageFormat.JPEG, Arrays.copyOf(jpeg, jpeg.length / 2))).isFalse();
        assertThat(reachesEnd(ImageFormat.JPEG, Arrays.copyOf(progressive, progressive.length * 2 / 3))).isFalse();
        assertThat(reachesEnd(ImageFormat.PNG, Arrays.copyOf(png, png.length - 1))).isFalse();
        assertThat(reachesEnd(ImageFormat.WEBP, Arrays.copyOf(webp, webp.length - 1))).isFalse();
    }

    @Test
    void a_jpeg_ends_at_its_last_byte_and_nowhere_before_whatever_the_slices() throws IOException {
        for (byte[] jpeg : new byte[][] {TestImages.jpeg(800, 600, 3), progressiveJpeg(320, 240)}) {
            for (int cut = jpeg.length - 600; cut <= jpeg.length; cut++) {
                byte[] part = Arrays.copyOf(jpeg, cut);
                assertThat(reachesEnd(ImageFormat.JPEG, part)).as("%d of %d bytes", cut, jpeg.length)
                        .isEqualTo(cut == jpeg.length);
                ImageEnd whole = ImageEnd.of(ImageFormat.JPEG);
                whole.feed(part, 0, part.length);
                assertThat(whole.reached()).as("%d of %d bytes at once", cut, jpeg.length).isEqualTo(cut == jpeg.length);
            }
        }
    }

    @Test
    void the_end_of_an_embedded_thumbnail_does_not_count() {
        byte[] thumbnail = TestImages.jpeg(64, 48, 9);
        byte[] jpeg = TestImages.jpeg(640, 480, 2);
        var withThumbnail = new ByteArrayOutputStream();
        withThumbnail.write(jpeg, 0, 2);
        withThumbnail.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe1,
            (byte) ((thumbnail.length + 2) >> 8), (byte) ((thumbnail.length + 2) & 0xff)});
        withThumbnail.writeBytes(thumbnail);
        withThumbnail.write(jpeg, 2, jpeg.length - 2);
        byte[] whole = withThumbnail.toByteArray();

        assertThat(reachesEnd(ImageFormat.JPEG, whole)).isTrue();
        assertThat(reachesEnd(ImageFormat.JPEG, Arrays.copyOf(whole, whole.length - 100))).isFalse();
    }

    static byte[] progressiveJpeg(int width, int height) throws IOException {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) * 0x010203);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
