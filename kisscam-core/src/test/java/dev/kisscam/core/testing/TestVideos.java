package dev.kisscam.core.testing;

import java.nio.ByteBuffer;

/** Bytes that look like an MP4 to anything that checks the leading {@code ftyp} box. */
public final class TestVideos {
    private TestVideos() {
    }

    public static byte[] minimalMp4() {
        ByteBuffer box = ByteBuffer.allocate(32);
        box.putInt(24).put("ftyp".getBytes()).put("isom".getBytes()).putInt(512)
                .put("isom".getBytes()).put("mp41".getBytes());
        box.putInt(8).put("free".getBytes());
        return box.array();
    }
}
