package dev.kisscam.core.service.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.testing.TestImages;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageProbeTest {

    static ImageProbe.Result probe(byte[] bytes) throws IOException {
        return ImageProbe.probe(new ByteArrayInputStream(bytes));
    }

    @Test
    void a_jpeg_is_recognised_with_its_size() throws IOException {
        assertThat(probe(TestImages.jpeg(1234, 567, 1)))
                .isEqualTo(new ImageProbe.Recognised(ImageFormat.JPEG, new Dimensions(1234, 567)));
    }

    @Test
    void a_png_is_recognised_with_its_size() throws IOException {
        assertThat(probe(TestImages.png(300, 700, 1)))
                .isEqualTo(new ImageProbe.Recognised(ImageFormat.PNG, new Dimensions(300, 700)));
    }

    @Test
    void a_huge_png_is_measured_from_its_header_alone() throws IOException {
        assertThat(probe(TestImages.pngHeaderOnly(50_000, 50_000)))
                .isEqualTo(new ImageProbe.Recognised(ImageFormat.PNG, new Dimensions(50_000, 50_000)));
    }

    @Test
    void webp_headers_of_each_kind_are_measured() throws IOException {
        assertThat(probe(TestImages.webpLossless(640, 480)))
                .isEqualTo(new ImageProbe.Recognised(ImageFormat.WEBP, new Dimensions(640, 480)));
        assertThat(probe(TestImages.webpExtended(4000, 3000)))
                .isEqualTo(new ImageProbe.Recognised(ImageFormat.WEBP, new Dimensions(4000, 3000)));
    }

    @Test
    void a_jpeg_with_large_metadata_before_its_frame_header_is_still_measured() throws IOException {
        byte[] jpeg = withSegmentAfterSoi(TestImages.jpeg(800, 600, 2), 0xe1, 60_000);
        assertThat(probe(jpeg)).isEqualTo(new ImageProbe.Recognised(ImageFormat.JPEG, new Dimensions(800, 600)));
    }

    @Test
    void formats_we_refuse_are_named() throws IOException {
        assertThat(probe(TestImages.pdf())).isEqualTo(new ImageProbe.Unsupported("PDF"));
        assertThat(probe(TestImages.gif())).isEqualTo(new ImageProbe.Unsupported("GIF"));
        assertThat(probe(TestImages.heic())).isEqualTo(new ImageProbe.Unsupported("HEIC"));
        assertThat(probe("just some text".getBytes())).isEqualTo(new ImageProbe.Unsupported("unknown"));
        assertThat(probe(new byte[0])).isEqualTo(new ImageProbe.Unsupported("empty"));
    }

    @Test
    void a_header_cut_short_is_unreadable() throws IOException {
        byte[] jpeg = withSegmentAfterSoi(TestImages.jpeg(800, 600, 3), 0xe1, 5_000);
        assertThat(probe(Arrays.copyOf(jpeg, 2_000))).isInstanceOf(ImageProbe.Unreadable.class);
        assertThat(probe(Arrays.copyOf(TestImages.png(300, 300, 1), 20))).isInstanceOf(ImageProbe.Unreadable.class);
    }

    @Test
    void metadata_that_never_ends_is_cut_off_at_the_header_limit() throws IOException {
        var endless = new ByteArrayOutputStream();
        endless.writeBytes(new byte[] {(byte) 0xff, (byte) 0xd8});
        for (int i = 0; i < 40; i++) { // 40 segments of 64 KiB: more than the header limit
            endless.writeBytes(new byte[] {(byte) 0xff, (byte) 0xe2, (byte) 0xff, (byte) 0xff});
            endless.writeBytes(new byte[0xffff - 2]);
        }
        assertThat(probe(endless.toByteArray())).isInstanceOf(ImageProbe.Unreadable.class);
    }

    /** Inserts a segment of {@code length} payload bytes right after the SOI marker. */
    static byte[] withSegmentAfterSoi(byte[] jpeg, int marker, int length) {
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xff);
        out.write(marker);
        out.write((length + 2) >> 8);
        out.write((length + 2) & 0xff);
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 0x11);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
