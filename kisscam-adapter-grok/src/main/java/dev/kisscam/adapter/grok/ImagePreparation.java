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
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns stored photos into the one JPEG a request carries, doing as little as the photo allows. A JPEG that
 * is upright, within {@code maxSide} and within xAI's limits goes as it is, less its metadata: only its
 * header is read. Any other photo (too large, turned by EXIF, CMYK, PNG, WebP) is decoded at a reduced size
 * straight away, turned upright and scaled in one pass, and encoded; two photos are composed
 * {@link SideBySide}. Decodes take a turn from {@link DecodeSlots}.
 */
final class ImagePreparation {
    /** xAI takes JPEG or PNG images of at most 20 MiB (its vision limit, the safe assumption for video). */
    static final long XAI_MAX_IMAGE_BYTES = 20L * 1024 * 1024;

    private final int maxSide;
    private final DecodeSlots decodes;
    private final PreparedPictures recent = new PreparedPictures(PreparedPictures.DEFAULT_BUDGET_BYTES);

    ImagePreparation(int maxSide, DecodeSlots decodes) {
        this.maxSide = maxSide;
        this.decodes = decodes;
    }

    /** One photo, for the vision model or to animate; a job asks for it twice, and it is made once. */
    JpegImage single(Photo photo, MediaReader media) {
        return recent.of(photo, () -> prepare(photo, media));
    }

    private JpegImage prepare(Photo photo, MediaReader media) {
        byte[] file = read(photo, media);
        Optional<JpegLayout> jpeg = JpegLayout.read(file);
        int orientation = jpeg.map(ImagePreparation::orientation).orElseGet(() -> ExifOrientation.of(file));
        return jpeg.flatMap(layout -> asItIs(layout, orientation)).orElseGet(() -> decodes.run(
                () -> JpegImage.encode(Scaling.uprightWithin(decode(photo, file), orientation, maxSide))));
    }

    /** The picture to animate: the photo itself, or two photos side by side, left in the order given. */
    JpegImage forVideo(List<JobPhoto> photos, MediaReader media) {
        if (photos.size() == 1) {
            return single(photos.getFirst().photo(), media);
        }
        JobPhoto left = photos.get(0);
        JobPhoto right = photos.get(1);
        byte[] leftFile = read(left.photo(), media);
        byte[] rightFile = read(right.photo(), media);
        return decodes.run(() -> JpegImage.encode(Scaling.fitWithin(SideBySide.compose(
                new SideBySide.Side(upright(left.photo(), leftFile), left.people()),
                new SideBySide.Side(upright(right.photo(), rightFile), right.people())), maxSide)));
    }

    /** The photo as it is, without its metadata, when xAI can take it and nothing about it must change. */
    private Optional<JpegImage> asItIs(JpegLayout layout, int orientation) {
        JpegLayout.Frame frame = layout.frame();
        if (orientation != ExifOrientation.NORMAL || !layout.plainlyDecodable()
                || Math.max(frame.width(), frame.height()) > maxSide || frame.width() < 1 || frame.height() < 1) {
            return Optional.empty();
        }
        byte[] bytes = layout.withoutMetadata();
        return bytes.length > XAI_MAX_IMAGE_BYTES ? Optional.empty()
                : Optional.of(new JpegImage(bytes, frame.width(), frame.height()));
    }

    private static int orientation(JpegLayout layout) {
        return layout.exifPayload().map(ExifOrientation::ofExifSegment).orElse(ExifOrientation.NORMAL);
    }

    /** Upright at the reduced size it was decoded at: a side of a composite, scaled later with the whole. */
    private BufferedImage upright(Photo photo, byte[] file) {
        int orientation = JpegLayout.read(file).map(ImagePreparation::orientation)
                .orElseGet(() -> ExifOrientation.of(file));
        return Scaling.uprightWithin(decode(photo, file), orientation, Integer.MAX_VALUE);
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
     * keeping every n-th row and column for the largest n that leaves the long side at least {@code maxSide}:
     * the photo is never held at full size, and what is left to scale away is less than half.
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
                int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / maxSide);
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
