package dev.kisscam.adapter.grok;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.jcodec.api.awt.AWTSequenceEncoder;

/** A real H.264 MP4 made with jcodec: 12 frames of 64x48 at 12 fps, a white dot moving frame by frame. */
final class Mp4Fixture {
    static final int WIDTH = 64;
    static final int HEIGHT = 48;
    static final int FRAMES = 12;
    private static byte[] video;

    private Mp4Fixture() {
    }

    static synchronized byte[] bytes() {
        if (video == null) {
            video = encode();
        }
        return video.clone();
    }

    private static byte[] encode() {
        try {
            File file = File.createTempFile("kisscam-fixture", ".mp4");
            try {
                AWTSequenceEncoder encoder = AWTSequenceEncoder.createSequenceEncoder(file, FRAMES);
                for (int i = 0; i < FRAMES; i++) {
                    BufferedImage frame = TestPhotos.halves(WIDTH, HEIGHT, TestPhotos.RED, TestPhotos.BLUE);
                    frame.setRGB(i, i, 0xFFFFFF);
                    encoder.encodeImage(frame);
                }
                encoder.finish();
                return Files.readAllBytes(file.toPath());
            } finally {
                Files.deleteIfExists(file.toPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
