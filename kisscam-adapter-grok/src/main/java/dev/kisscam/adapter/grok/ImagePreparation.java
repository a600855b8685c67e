package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.MediaStoreException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns stored photos into the one JPEG a request carries: read through the core's {@link MediaReader},
 * decoded (JPEG including CMYK, PNG, WebP), put upright by its EXIF orientation, scaled so the long side is
 * at most {@code maxSide}, and for two photos composed {@link SideBySide}.
 */
final class ImagePreparation {
    private final int maxSide;

    ImagePreparation(int maxSide) {
        this.maxSide = maxSide;
    }

    /** One photo, for the vision model. */
    JpegImage single(Photo photo, MediaReader media) {
        return JpegImage.encode(Scaling.fitWithin(upright(photo, media), maxSide));
    }

    /** The picture to animate: the photo itself, or two photos side by side, left in the order given. */
    JpegImage forVideo(List<JobPhoto> photos, MediaReader media) {
        if (photos.size() == 1) {
            return single(photos.getFirst().photo(), media);
        }
        var left = new SideBySide.Side(upright(photos.get(0).photo(), media), photos.get(0).people());
        var right = new SideBySide.Side(upright(photos.get(1).photo(), media), photos.get(1).people());
        return JpegImage.encode(Scaling.fitWithin(SideBySide.compose(left, right), maxSide));
    }

    private BufferedImage upright(Photo photo, MediaReader media) {
        byte[] file = read(photo, media);
        return ExifOrientation.upright(decode(photo, file), ExifOrientation.of(file));
    }

    private static byte[] read(Photo photo, MediaReader media) {
        try (InputStream in = media.open(photo.key())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MediaStoreException("could not read photo " + photo.key(), e);
        }
    }

    /**
     * Decodes with the first reader that claims the format (TwelveMonkeys ranks its own ahead of the JDK's),
     * skipping rows and columns of very large photos: they are scaled down far anyway.
     */
    private BufferedImage decode(Photo photo, byte[] file) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadablePhoto("no image reader recognises photo " + photo.key(), null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int longSide = Math.max(reader.getWidth(0), reader.getHeight(0));
                int step = Math.max(1, longSide / (2 * maxSide));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (UnreadablePhoto e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report corrupt data with whatever exception their parser hit; any of them means the same.
            throw new UnreadablePhoto("photo " + photo.key() + " cannot be decoded: " + e.getMessage(), e);
        }
    }
}
