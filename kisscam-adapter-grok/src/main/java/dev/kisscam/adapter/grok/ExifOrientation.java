package dev.kisscam.adapter.grok;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.imaging.jpeg.JpegSegmentType;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifReader;
import java.awt.geom.AffineTransform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * How a photo is turned to be seen upright, as its EXIF orientation tag says; phones store pixels as the
 * sensor saw them and only tag how to turn them, and image readers ignore the tag.
 */
final class ExifOrientation {
    static final int NORMAL = 1;
    private static final System.Logger LOG = System.getLogger(ExifOrientation.class.getName());

    private ExifOrientation() {
    }

    /** The tag's value 1..8, or {@link #NORMAL} when the file has none or it cannot be read. */
    static int of(byte[] file) {
        try {
            return from(ImageMetadataReader.readMetadata(new ByteArrayInputStream(file), file.length));
        } catch (ImageProcessingException | IOException unreadable) {
            LOG.log(System.Logger.Level.DEBUG, "no readable EXIF orientation; taking the photo as it is stored", unreadable);
            return NORMAL;
        }
    }

    /** The same from a JPEG's EXIF segment alone, without looking at the rest of the file. */
    static int ofExifSegment(byte[] payload) {
        var metadata = new Metadata();
        try {
            new ExifReader().readJpegSegments(List.of(payload), metadata, JpegSegmentType.APP1);
        } catch (RuntimeException unreadable) {
            // The reader records what it cannot parse, but a badly broken block may still throw: same as no tag.
            LOG.log(System.Logger.Level.DEBUG, "an unreadable EXIF block; taking the photo as it is stored", unreadable);
            return NORMAL;
        }
        return from(metadata);
    }

    /** Whether turning the photo upright swaps its width and height (a quarter turn, orientations 5..8). */
    static boolean swapsSides(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * Maps a stored pixel of a {@code width x height} image to where it is seen; identity for
     * {@link #NORMAL} and unknown values.
     */
    static AffineTransform turn(int orientation, int width, int height) {
        // AffineTransform takes m00, m10, m01, m11, m02, m12.
        return switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, height, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, height, width);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, width);
            default -> new AffineTransform();
        };
    }

    private static int from(Metadata metadata) {
        var directory = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (directory == null || !directory.containsTag(ExifDirectoryBase.TAG_ORIENTATION)) {
            return NORMAL;
        }
        try {
            int orientation = directory.getInt(ExifDirectoryBase.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : NORMAL;
        } catch (MetadataException unreadable) {
            LOG.log(System.Logger.Level.DEBUG, "an unreadable EXIF orientation; taking the photo as it is stored", unreadable);
            return NORMAL;
        }
    }
}
