package dev.kisscam.adapter.grok;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.testing.InMemoryMediaStore;
import java.awt.Color;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What xAI receives for the photos people send: a JPEG that may go as it is goes byte for byte (less its
 * metadata); every other photo arrives upright, within the limits, and with the colours of its source in
 * every region, compared with the source itself, turned and composited over white by this test's own code.
 * Each test runs with libjpeg-turbo and with ImageIO alone, so both make the same pictures (see
 * {@link TurboJpegTest#installed()} for a machine without libjpeg-turbo).
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"libjpeg-turbo", "ImageIO"})
class PicturesSentTest {
    private static final int MAX_SIDE = 1280;
    /** Mean colour per region may move this much per channel: JPEG at quality 0.9, subsampling, bilinear. */
    private static final double TOLERANCE = 6;
    /** At most 8 x 8 regions, none under 12 pixels a side: JPEG's 8x8 blocks blur a sharp edge in a smaller one. */
    private static final int MAX_GRID = 8;
    private static final int MIN_REGION = 12;

    private final FakeXai xai = new FakeXai();
    private final GrokAdapters adapters;
    private final InMemoryMediaStore media = new InMemoryMediaStore();

    PicturesSentTest(String decoder) {
        if (!decoder.equals("ImageIO")) {
            TurboJpegTest.installed();
        }
        this.adapters = xai.adapters(decoder.equals("ImageIO") ? PixelCodec.imageIoOnly() : PixelCodec.best());
    }

    @AfterEach
    void stop() {
        adapters.close();
        xai.close();
    }

    // ---- as it is ----

    @Test
    void an_upright_jpeg_within_the_limits_goes_to_xai_byte_for_byte() {
        byte[] file = TestPhotos.jpeg(TestPhotos.scene(1280, 960, 1, 12), 0.87f);

        assertThat(sentFor(file, ImageFormat.JPEG)).isEqualTo(file);
    }

    @Test
    void the_largest_telegram_photo_goes_as_it_is_and_anything_larger_is_made_smaller() {
        byte[] largest = TestPhotos.jpeg(TestPhotos.scene(2560, 1920, 10, 12), 0.87f);
        byte[] larger = TestPhotos.jpeg(TestPhotos.scene(2561, 1920, 10, 12), 0.87f);

        assertThat(sentFor(largest, ImageFormat.JPEG)).isEqualTo(largest);
        BufferedImage made = TestPhotos.decode(sentFor(larger, ImageFormat.JPEG));
        assertThat(made.getWidth()).isEqualTo(MAX_SIDE);
    }

    @Test
    void a_jpeg_sent_as_it_is_loses_its_exif_comments_and_trailing_bytes_but_not_a_pixel() {
        byte[] plain = TestPhotos.jpeg(TestPhotos.scene(800, 600, 2, 12), 0.87f);
        byte[] tagged = withSegment(withSegment(TestPhotos.withExifOrientation(plain, 1), 0xFE, "taken at home"),
                0xED, "Photoshop 3.0\0IPTC city");
        byte[] trailing = concat(tagged, "after the image: a gain map".getBytes());

        byte[] sent = sentFor(trailing, ImageFormat.JPEG);

        assertThat(sent).isEqualTo(plain);
    }

    @Test
    void any_photo_that_must_change_is_encoded_again() {
        BufferedImage scene = TestPhotos.scene(3000, 2000, 3, 12);
        var cases = List.of(
                new Object[] {TestPhotos.jpeg(scene, 0.9f), ImageFormat.JPEG, "larger than a Telegram photo"},
                new Object[] {TestPhotos.withExifOrientation(TestPhotos.jpeg(TestPhotos.scene(640, 480, 4, 12)), 3),
                        ImageFormat.JPEG, "turned by EXIF"},
                new Object[] {TestPhotos.cmykJpeg(64, 48), ImageFormat.JPEG, "CMYK"},
                new Object[] {TestPhotos.png(TestPhotos.scene(64, 48, 5, 12)), ImageFormat.PNG, "PNG"});
        for (Object[] c : cases) {
            byte[] file = (byte[]) c[0];

            byte[] sent = sentFor(file, (ImageFormat) c[1]);

            assertThat(sent).as((String) c[2]).isNotEqualTo(file).startsWith(0xFF, 0xD8, 0xFF);
            assertThat(JpegLayout.read(sent)).as((String) c[2]).hasValueSatisfying(layout -> {
                assertThat(layout.plainlyDecodable()).isTrue();
                assertThat(layout.exifPayload()).isEmpty();
            });
        }
    }

    // ---- quality ----

    @Test
    void exif_turned_jpegs_arrive_upright_with_the_colours_of_each_region() {
        BufferedImage stored = TestPhotos.scene(1600, 1000, 6, 12);
        for (int orientation = 1; orientation <= 8; orientation++) {
            byte[] file = TestPhotos.withExifOrientation(TestPhotos.jpeg(stored, 0.92f), orientation);
            BufferedImage source = TestPhotos.decode(TestPhotos.jpeg(stored, 0.92f));

            BufferedImage sent = TestPhotos.decode(sentFor(file, ImageFormat.JPEG));

            // Upright, it may go as it is; turned, it is made, and made no larger than the maximum side.
            boolean quarterTurn = orientation >= 5;
            int longSide = orientation == ExifOrientation.NORMAL ? 1600 : 1280;
            int shortSide = orientation == ExifOrientation.NORMAL ? 1000 : 800;
            assertThat(sent.getWidth()).isEqualTo(quarterTurn ? shortSide : longSide);
            assertThat(sent.getHeight()).isEqualTo(quarterTurn ? longSide : shortSide);
            assertSameRegions(sent, source, orientation, "orientation " + orientation);
        }
    }

    @Test
    void a_12_megapixel_jpeg_arrives_at_the_maximum_side_with_its_colours() {
        byte[] file = TestPhotos.jpeg(TestPhotos.scene(4000, 3000, 7, 12), 0.92f);

        byte[] sent = sentFor(file, ImageFormat.JPEG);

        BufferedImage picture = TestPhotos.decode(sent);
        assertThat(picture.getWidth()).isEqualTo(1280);
        assertThat(picture.getHeight()).isEqualTo(960);
        assertThat((long) sent.length).isLessThan(ImagePreparation.XAI_MAX_IMAGE_BYTES);
        assertSameRegions(picture, TestPhotos.decode(file), 1, "4000x3000");
    }

    @Test
    void a_jpeg_with_a_colour_profile_arrives_with_the_colours_the_profile_gives() {
        BufferedImage scene = TestPhotos.scene(3000, 2000, 11, 12);
        byte[] plain = TestPhotos.jpeg(scene, 0.92f);
        byte[] tagged = withSegment(plain, 0xE2, "ICC_PROFILE\0\1\1" + new String(
                ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData(), StandardCharsets.ISO_8859_1));
        BufferedImage managed = TestPhotos.decode(tagged);

        BufferedImage sent = TestPhotos.decode(sentFor(tagged, ImageFormat.JPEG));

        assertSameRegions(sent, managed, 1, "linear RGB profile applied");
        // The comparison would notice the profile ignored: the plain file's colours are far from these.
        assertThat(largestDifference(sent, TestPhotos.decode(plain), 1)).isGreaterThan(5 * TOLERANCE);
    }

    @Test
    void a_png_with_transparency_arrives_as_a_jpeg_whose_transparent_parts_are_white() {
        BufferedImage scene = TestPhotos.scene(900, 600, 8, 12);
        var withAlpha = new BufferedImage(900, 600, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 900; x++) {
                int alpha = x < 300 ? 0 : x < 600 ? 128 : 255;
                withAlpha.setRGB(x, y, alpha << 24 | (scene.getRGB(x, y) & 0xFFFFFF));
            }
        }

        BufferedImage sent = TestPhotos.decode(sentFor(TestPhotos.png(withAlpha), ImageFormat.PNG));

        assertThat(sent.getWidth()).isEqualTo(900);
        assertThat(sent.getHeight()).isEqualTo(600);
        assertSameRegions(sent, overWhite(withAlpha), 1, "PNG with alpha");
        assertThat(TestPhotos.near(sent, 100, 300, Color.WHITE)).isTrue();
    }

    @Test
    void cmyk_and_webp_photos_arrive_with_the_colours_their_readers_give() {
        var cases = List.of(new Object[] {TestPhotos.cmykJpeg(160, 120), ImageFormat.JPEG},
                new Object[] {TestPhotos.WEBP_LOSSY_64X48, ImageFormat.WEBP},
                new Object[] {TestPhotos.WEBP_LOSSLESS_40X24, ImageFormat.WEBP});
        for (Object[] c : cases) {
            byte[] file = (byte[]) c[0];
            BufferedImage source = TestPhotos.decode(file);

            BufferedImage sent = TestPhotos.decode(sentFor(file, (ImageFormat) c[1]));

            assertThat(sent.getWidth()).isEqualTo(source.getWidth());
            assertThat(sent.getHeight()).isEqualTo(source.getHeight());
            assertSameRegions(sent, source, 1, c[1].toString());
        }
    }

    @Test
    void the_region_comparison_would_notice_a_photo_turned_the_wrong_way() {
        BufferedImage source = TestPhotos.scene(800, 600, 9, 12);

        assertThat(largestDifference(source, source, 3)).isGreaterThan(5 * TOLERANCE);
        assertThat(largestDifference(source, source, 1)).isZero();
    }

    // ---- helpers ----

    /** The JPEG bytes the vision request carried for this file. */
    private byte[] sentFor(byte[] file, ImageFormat format) {
        Photo photo = TestPhotos.store(media, file, format, 1, 1);
        xai.api.enqueue(FakeXai.completion(FakeXai.peopleJson(0, false, List.of()), 1));
        adapters.peopleDetector().detect(photo, media);
        String uri = FakeXai.json(xai.takeApi()).path("messages").path(0).path("content").path(0)
                .path("image_url").path("url").asText();
        assertThat(uri).startsWith("data:image/jpeg;base64,");
        byte[] sent = Base64.getDecoder().decode(uri.substring("data:image/jpeg;base64,".length()));
        assertThat((long) sent.length).isLessThanOrEqualTo(ImagePreparation.XAI_MAX_IMAGE_BYTES);
        return sent;
    }

    private static void assertSameRegions(BufferedImage sent, BufferedImage stored, int orientation, String what) {
        assertThat(largestDifference(sent, stored, orientation)).as(what + ": largest difference of a region's mean")
                .isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * The largest difference, over a grid of regions and the three channels, between the mean colour of a
     * region of {@code upright} and that of the same region of {@code stored} seen with this orientation.
     */
    private static double largestDifference(BufferedImage upright, BufferedImage stored, int orientation) {
        int grid = Math.clamp(Math.min(upright.getWidth(), upright.getHeight()) / MIN_REGION, 1, MAX_GRID);
        double[][] a = regionMeans(upright, ExifOrientation.NORMAL, grid);
        double[][] b = regionMeans(stored, orientation, grid);
        double largest = 0;
        for (int cell = 0; cell < a.length; cell++) {
            for (int channel = 0; channel < 3; channel++) {
                largest = Math.max(largest, Math.abs(a[cell][channel] - b[cell][channel]));
            }
        }
        return largest;
    }

    /** Mean RGB of each cell of a grid x grid division of the image as seen upright. */
    private static double[][] regionMeans(BufferedImage stored, int orientation, int grid) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean quarterTurn = orientation >= 5;
        int seenWidth = quarterTurn ? h : w;
        int seenHeight = quarterTurn ? w : h;
        double[][] sums = new double[grid * grid][4];
        int step = Math.max(1, Math.min(seenWidth, seenHeight) / 400);
        for (int y = 0; y < seenHeight; y += step) {
            for (int x = 0; x < seenWidth; x += step) {
                int[] at = storedPixel(x, y, w, h, orientation);
                int rgb = stored.getRGB(at[0], at[1]);
                double[] cell = sums[(y * grid / seenHeight) * grid + x * grid / seenWidth];
                cell[0] += (rgb >> 16) & 0xFF;
                cell[1] += (rgb >> 8) & 0xFF;
                cell[2] += rgb & 0xFF;
                cell[3]++;
            }
        }
        for (double[] cell : sums) {
            for (int channel = 0; channel < 3; channel++) {
                cell[channel] /= cell[3];
            }
        }
        return sums;
    }

    /** Where the pixel seen at (x, y) is stored, for each EXIF orientation (TIFF 6.0, tag 274). */
    private static int[] storedPixel(int x, int y, int w, int h, int orientation) {
        return switch (orientation) {
            case 2 -> new int[] {w - 1 - x, y};
            case 3 -> new int[] {w - 1 - x, h - 1 - y};
            case 4 -> new int[] {x, h - 1 - y};
            case 5 -> new int[] {y, x};
            case 6 -> new int[] {y, h - 1 - x};
            case 7 -> new int[] {w - 1 - y, h - 1 - x};
            case 8 -> new int[] {w - 1 - y, x};
            default -> new int[] {x, y};
        };
    }

    private static BufferedImage overWhite(BufferedImage argb) {
        var out = new BufferedImage(argb.getWidth(), argb.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < argb.getHeight(); y++) {
            for (int x = 0; x < argb.getWidth(); x++) {
                int p = argb.getRGB(x, y);
                double a = (p >>> 24) / 255.0;
                int r = (int) Math.round(((p >> 16) & 0xFF) * a + 255 * (1 - a));
                int g = (int) Math.round(((p >> 8) & 0xFF) * a + 255 * (1 - a));
                int b = (int) Math.round((p & 0xFF) * a + 255 * (1 - a));
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    /** The JPEG with one more segment right after its start. */
    private static byte[] withSegment(byte[] jpeg, int marker, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
        var out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((bytes.length + 2) >> 8);
        out.write((bytes.length + 2) & 0xFF);
        out.writeBytes(bytes);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
