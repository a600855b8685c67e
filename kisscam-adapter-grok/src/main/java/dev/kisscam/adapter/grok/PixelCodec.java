package dev.kisscam.adapter.grok;

import dev.kisscam.core.domain.Photo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes the photos that must change and encodes what is sent instead: with libjpeg-turbo where the machine
 * has it and the photo is an ordinary JPEG, with ImageIO for everything else (PNG, WebP, CMYK, a colour
 * profile to apply, a file libjpeg-turbo refuses) and on machines without it. Both decode at a reduced size
 * straight away and never hold a photo at full size when it is to be made smaller.
 */
final class PixelCodec {
    private static final System.Logger LOG = System.getLogger(PixelCodec.class.getName());

    private final Supplier<Optional<TurboJpeg>> turbo;

    private PixelCodec(Supplier<Optional<TurboJpeg>> turbo) {
        this.turbo = turbo;
    }

    /** libjpeg-turbo when it can be loaded, ImageIO otherwise; the library is looked for at the first photo. */
    static PixelCodec best() {
        return new PixelCodec(() -> Installed.TURBO_JPEG);
    }

    /** ImageIO alone, as on a machine without libjpeg-turbo. */
    static PixelCodec imageIoOnly() {
        return new PixelCodec(Optional::empty);
    }

    /** Loaded once per process, when first needed: the program starts without paying for it. */
    private static final class Installed {
        static final Optional<TurboJpeg> TURBO_JPEG = TurboJpeg.load();

        static {
            if (TURBO_JPEG.isPresent()) {
                LOG.log(System.Logger.Level.INFO, "photos that must change are decoded and encoded with libjpeg-turbo");
            } else {
                LOG.log(System.Logger.Level.INFO, "libjpeg-turbo is not installed (Debian and Ubuntu: libturbojpeg0),"
                        + " so photos that must change are decoded and encoded with ImageIO, which takes about"
                        + " three times the CPU");
            }
        }
    }

    /**
     * The photo's pixels with the long side at least {@code minSide} where the photo has that many, and less
     * than twice that where the decoder can reduce it: what is left to scale away is at most half.
     */
    BufferedImage decode(Photo photo, byte[] file, Optional<JpegLayout> jpeg, int minSide) {
        Optional<JpegLayout> ordinary = jpeg.filter(layout -> layout.plainlyDecodable() && !layout.hasColourProfile());
        Optional<TurboJpeg> codec = turbo.get();
        if (codec.isPresent() && ordinary.isPresent()) {
            JpegLayout.Frame frame = ordinary.get().frame();
            Optional<BufferedImage> decoded = codec.get().decode(file, frame.width(), frame.height(), minSide);
            if (decoded.isPresent()) {
                return decoded.get();
            }
        }
        return decodeWithImageIo(photo, file, minSide);
    }

    JpegImage encode(BufferedImage image) {
        BufferedImage bgr = Scaling.opaque(image);
        return turbo.get().flatMap(codec -> codec.encode(bgr)).orElseGet(() -> JpegImage.encode(bgr));
    }

    /**
     * Decodes with the first reader that claims the format (TwelveMonkeys ranks its own ahead of the JDK's),
     * keeping every n-th row and column for the largest n that leaves the long side at least {@code minSide}.
     */
    private static BufferedImage decodeWithImageIo(Photo photo, byte[] file, int minSide) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(file))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadablePhoto("no image reader recognises photo " + photo.key(), null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int step = Math.max(1, Math.max(reader.getWidth(0), reader.getHeight(0)) / minSide);
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
