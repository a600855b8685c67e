package dev.kisscam.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenePhotosTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void jpeg_and_png_photos_show_the_people_they_were_made_with(int people) throws IOException {
        assertThat(ScenePhotos.peopleIn(decode(ScenePhotos.jpeg(people, 640, 480)))).isEqualTo(people);
        assertThat(ScenePhotos.peopleIn(decode(ScenePhotos.png(people, 31, 17)))).isEqualTo(people);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void the_count_survives_scaling_down_and_harsh_recompression(int people) throws IOException {
        BufferedImage noisy = decode(ScenePhotos.noisyJpeg(people, 800, 600, 7));
        BufferedImage small = scaled(noisy, 80, 60);

        assertThat(ScenePhotos.peopleIn(decode(jpegAtQuality(small, 0.2f)))).isEqualTo(people);
    }

    @Test
    void a_noisy_camera_sized_photo_weighs_megabytes_and_still_shows_its_people() throws IOException {
        byte[] photo = ScenePhotos.noisyJpeg(2, 4000, 3000, 42);

        assertThat(photo.length).as("bytes of a noisy 12-megapixel JPEG").isGreaterThan(3_000_000);
        BufferedImage image = decode(photo);
        assertThat(image.getWidth()).isEqualTo(4000);
        assertThat(image.getHeight()).isEqualTo(3000);
        assertThat(ScenePhotos.peopleIn(image)).isEqualTo(2);
    }

    @Test
    void noise_is_repeatable_by_seed_and_differs_between_seeds() {
        byte[] first = ScenePhotos.noisyJpeg(1, 320, 240, 5);

        assertThat(ScenePhotos.noisyJpeg(1, 320, 240, 5)).isEqualTo(first);
        assertThat(ScenePhotos.noisyJpeg(1, 320, 240, 6)).isNotEqualTo(first);
        assertThat(ScenePhotos.jpeg(1, 320, 240).length).as("a flat photo compresses far better").isLessThan(first.length / 4);
    }

    @Test
    void only_the_palette_and_positive_sizes_are_accepted() {
        assertThatThrownBy(() -> ScenePhotos.jpeg(4, 10, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..3");
        assertThatThrownBy(() -> ScenePhotos.png(-1, 10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScenePhotos.noisyJpeg(1, 0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static BufferedImage decode(byte[] file) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
        assertThat(image).as("a decodable image").isNotNull();
        return image;
    }

    private static BufferedImage scaled(BufferedImage image, int width, int height) {
        var target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    private static byte[] jpegAtQuality(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
