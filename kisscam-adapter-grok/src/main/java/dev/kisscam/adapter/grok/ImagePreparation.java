package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.JobPhoto;
import dev.kisscam.core.domain.Photo;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.MediaStoreException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * Turns stored photos into the one JPEG a request carries, doing as little as the photo allows. A JPEG that
 * is upright, no larger than a Telegram photo and within xAI's limits goes as it is, less its metadata: only
 * its header is read. Any other photo (too large, turned by EXIF, CMYK, PNG, WebP) is decoded at a reduced size
 * straight away, turned upright and scaled in one pass, and encoded; two photos are composed
 * {@link SideBySide}. Decodes take a turn from {@link DecodeSlots}; {@link PixelCodec} does them.
 */
final class ImagePreparation {
    /** xAI takes JPEG or PNG images of at most 20 MiB (its vision limit, the safe assumption for video). */
    static final long XAI_MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    /**
     * The longest side a JPEG may have to go as it is: that of the largest photo Telegram makes. xAI documents
     * no limit on dimensions (20 MiB is its only one) and scales what it takes itself, so such a photo costs a
     * larger upload rather than a decode and an encode here. Larger files, camera originals sent as documents,
     * are made {@code maxSide}: their upload grows faster than it helps a video of at most 720p.
     */
    static final int AS_IT_IS_MAX_SIDE = 2560;

    private final int maxSide;
    private final DecodeSlots decodes;
    private final PixelCodec codec;
    private final PreparedPictures recent = new PreparedPictures(PreparedPictures.DEFAULT_BUDGET_BYTES);

    ImagePreparation(int maxSide, DecodeSlots decodes, PixelCodec codec) {
        this.maxSide = maxSide;
        this.decodes = decodes;
        this.codec = codec;
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
                () -> codec.encode(Scaling.uprightWithin(codec.decode(photo, file, jpeg, maxSide), orientation, maxSide))));
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
        return decodes.run(() -> codec.encode(Scaling.fitWithin(SideBySide.compose(
                new SideBySide.Side(upright(left.photo(), leftFile), left.people()),
                new SideBySide.Side(upright(right.photo(), rightFile), right.people())), maxSide)));
    }

    /** The photo as it is, without its metadata, when xAI can take it and nothing about it must change. */
    private Optional<JpegImage> asItIs(JpegLayout layout, int orientation) {
        JpegLayout.Frame frame = layout.frame();
        if (orientation != ExifOrientation.NORMAL || !layout.plainlyDecodable()
                || Math.max(frame.width(), frame.height()) > Math.max(maxSide, AS_IT_IS_MAX_SIDE)
                || frame.width() < 1 || frame.height() < 1) {
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
        Optional<JpegLayout> jpeg = JpegLayout.read(file);
        int orientation = jpeg.map(ImagePreparation::orientation).orElseGet(() -> ExifOrientation.of(file));
        return Scaling.uprightWithin(codec.decode(photo, file, jpeg, maxSide), orientation, Integer.MAX_VALUE);
    }

    private static byte[] read(Photo photo, MediaReader media) {
        try (InputStream in = media.open(photo.key())) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new MediaStoreException("could not read photo " + photo.key(), e);
        }
    }
}
