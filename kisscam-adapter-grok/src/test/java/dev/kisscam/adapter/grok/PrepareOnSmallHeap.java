package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.Dimensions;
import dev.kisscam.core.domain.ImageFormat;
import dev.kisscam.core.domain.MediaKey;
import dev.kisscam.core.domain.Photo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * Run by {@link SmallHeapTest} in a JVM with a small heap: {@code prepare FILE} makes the picture the adapter
 * sends; {@code decode FILE} decodes the photo at full size, as the adapter once did, to show the heap is too
 * small for that. Prints what it made; exits with 3 when the heap ran out.
 */
public final class PrepareOnSmallHeap {
    static final int OUT_OF_MEMORY = 3;

    private PrepareOnSmallHeap() {
    }

    public static void main(String[] args) throws Exception {
        byte[] file = Files.readAllBytes(Path.of(args[1]));
        try {
            if (args[0].equals("decode")) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
                System.out.println("decoded " + image.getWidth() + "x" + image.getHeight());
            } else {
                var photo = new Photo(new MediaKey("large-photo"), ImageFormat.JPEG, new Dimensions(1, 1), file.length,
                        Optional.empty());
                JpegImage picture = new ImagePreparation(1280, new DecodeSlots(1), PixelCodec.best())
                        .single(photo, key -> new ByteArrayInputStream(file));
                System.out.println("prepared " + picture.width() + "x" + picture.height());
            }
        } catch (OutOfMemoryError e) {
            System.out.println("out of memory: " + e.getMessage());
            System.exit(OUT_OF_MEMORY);
        }
    }
}
