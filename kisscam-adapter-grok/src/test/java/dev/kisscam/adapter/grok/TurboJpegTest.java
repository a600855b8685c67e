package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The libjpeg-turbo binding on its own: the scale it decodes at, what it gives back, and that it answers
 * empty, so that ImageIO takes over, for whatever it cannot do. Skipped, saying so, where the library is not
 * installed; CI installs it and sets {@value #REQUIRED}, so there a missing library fails instead.
 */
class TurboJpegTest {
    static final String REQUIRED = "KISSCAM_TEST_TURBOJPEG";
    private static TurboJpeg turbo;

    @BeforeAll
    static void load() {
        turbo = installed().orElseThrow();
    }

    /** The library; a skipped test where it is missing, or a failed one where {@value #REQUIRED} is set. */
    static Optional<TurboJpeg> installed() {
        Optional<TurboJpeg> loaded = TurboJpeg.load();
        String missing = "libjpeg-turbo is not installed (Debian: apt-get install libturbojpeg0)";
        if (System.getenv(REQUIRED) != null) {
            assertThat(loaded).as(missing).isPresent();
        }
        assumeTrue(loaded.isPresent(), missing);
        return loaded;
    }

    @Test
    void the_scale_is_the_smallest_eighth_that_keeps_the_long_side_at_least_the_one_asked() {
        assertThat(TurboJpeg.eighthsFor(4000, 1280)).isEqualTo(3);
        assertThat(TurboJpeg.eighthsFor(2560, 1280)).isEqualTo(4);
        assertThat(TurboJpeg.eighthsFor(2561, 1280)).isEqualTo(4);
        assertThat(TurboJpeg.eighthsFor(10240, 1280)).isEqualTo(1);
        assertThat(TurboJpeg.eighthsFor(1600, 1280)).isEqualTo(7);
        assertThat(TurboJpeg.eighthsFor(1000, 1280)).isEqualTo(8);
    }

    @Test
    void a_12_megapixel_photo_is_decoded_at_three_eighths_with_its_colours() {
        BufferedImage scene = TestPhotos.scene(4000, 3000, 21, 12);
        byte[] file = TestPhotos.jpeg(scene, 0.92f);

        BufferedImage decoded = turbo.decode(file, 4000, 3000, 1280).orElseThrow();

        assertThat(decoded.getWidth()).isEqualTo(1500);
        assertThat(decoded.getHeight()).isEqualTo(1125);
        assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage full = TestPhotos.decode(file);
        for (int[] at : new int[][] {{100, 100}, {2000, 1500}, {3900, 2900}, {600, 2400}}) {
            int x = at[0];
            int y = at[1];
            assertThat(close(decoded.getRGB(x * 3 / 8, y * 3 / 8), meanAround(full, x, y)))
                    .as("pixel near %d,%d", x, y).isTrue();
        }
    }

    @Test
    void what_it_encodes_any_decoder_reads_back_with_the_same_size_and_colours() {
        BufferedImage scene = Scaling.opaque(TestPhotos.scene(640, 480, 22, 0));

        JpegImage encoded = turbo.encode(scene).orElseThrow();

        assertThat(encoded.width()).isEqualTo(640);
        assertThat(encoded.height()).isEqualTo(480);
        BufferedImage back = TestPhotos.decode(encoded.bytes());
        assertThat(back.getWidth()).isEqualTo(640);
        for (int[] at : new int[][] {{16, 16}, {320, 240}, {600, 400}}) {
            assertThat(close(meanAround(back, at[0], at[1]), meanAround(scene, at[0], at[1])))
                    .as("block at %d,%d", at[0], at[1]).isTrue();
        }
        assertThat(JpegLayout.read(encoded.bytes())).hasValueSatisfying(layout -> assertThat(layout.plainlyDecodable()).isTrue());
    }

    @Test
    void a_damaged_file_or_an_unusual_raster_answers_empty_so_that_imageio_takes_over() {
        byte[] file = TestPhotos.jpeg(TestPhotos.scene(800, 600, 23, 12), 0.9f);
        byte[] garbled = Arrays.copyOf(file, file.length);
        Arrays.fill(garbled, 200, garbled.length, (byte) 0x55);

        assertThat(turbo.decode(garbled, 800, 600, 400)).isEmpty();
        assertThat(turbo.decode(Arrays.copyOf(file, file.length / 2), 800, 600, 400)).isEmpty();
        assertThat(turbo.encode(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))).isEmpty();
    }

    /** Whether two colours are within 12 per channel: JPEG at quality 0.9 and a scaled decode. */
    private static boolean close(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >> shift & 0xFF) - (expected >> shift & 0xFF)) > 12) {
                return false;
            }
        }
        return true;
    }

    /** The mean colour of the 8x8 block at x, y: what a decode at 3/8 makes of it, give or take. */
    private static int meanAround(BufferedImage image, int x, int y) {
        int[] sum = new int[3];
        for (int dy = 0; dy < 8; dy++) {
            for (int dx = 0; dx < 8; dx++) {
                int rgb = image.getRGB(x - x % 8 + dx, y - y % 8 + dy);
                sum[0] += rgb >> 16 & 0xFF;
                sum[1] += rgb >> 8 & 0xFF;
                sum[2] += rgb & 0xFF;
            }
        }
        return (sum[0] / 64) << 16 | (sum[1] / 64) << 8 | sum[2] / 64;
    }
}
