package dev.kisscam.adapter.grok;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifDirectoryBase;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Puts a photo upright the way its EXIF orientation tag says; phones store pixels as the sensor saw them
 * and only tag how to turn them, and image readers ignore the tag.
 */
final class ExifOrientation {
    static final int NORMAL = 1;
    private static final System.Logger LOG = System.getLogger(ExifOrientation.class.getName());

    private ExifOrientation() {
    }

    /** The tag's value 1..8, or {@link #NORMAL} when the file has none or it cannot be read. */
    static int of(byte[] file) {
        try {
            var directory = ImageMetadataReader.readMetadata(new ByteArrayInputStream(file), file.length)
                    .getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (directory == null || !directory.containsTag(ExifDirectoryBase.TAG_ORIENTATION)) {
                return NORMAL;
            }
            int orientation = directory.getInt(ExifDirectoryBase.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : NORMAL;
        } catch (ImageProcessingException | MetadataException | IOException unreadable) {
            LOG.log(System.Logger.Level.DEBUG, "no readable EXIF orientation; taking the photo as it is stored", unreadable);
            return NORMAL;
        }
    }

    /** The image as it should be seen; 5..8 swap width and height. */
    static BufferedImage upright(BufferedImage stored, int orientation) {
        int w = stored.getWidth();
        int h = stored.getHeight();
        // Each maps stored pixel (x, y) to where it is seen; AffineTransform takes m00, m10, m01, m11, m02, m12.
        AffineTransform turn = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> null;
        };
        if (turn == null) {
            return stored;
        }
        boolean swaps = orientation >= 5;
        var seen = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = seen.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(stored, turn, null);
        } finally {
            g.dispose();
        }
        return seen;
    }
}
