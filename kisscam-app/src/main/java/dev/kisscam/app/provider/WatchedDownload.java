package dev.kisscam.app.provider;

import java.io.IOException;
import java.io.InputStream;

/**
 * A download passed straight through to its reader, which also learns how it ended, exactly once: it reached
 * its end, a read failed, or it was closed before either. The decorators that care (to cache a video, to
 * count a download) extend this rather than each overriding every read method of {@link InputStream}; the
 * inherited ones ({@code readAllBytes}, {@code skip}, {@code transferTo}) all come through
 * {@link #read(byte[], int, int)}, so no byte passes unseen.
 */
abstract class WatchedDownload extends InputStream {
    private final InputStream source;
    private boolean decided;

    WatchedDownload(InputStream source) {
        this.source = source;
    }

    /** Bytes that went to the reader, in order. Must not throw. */
    protected void passed(byte[] bytes, int offset, int length) {
    }

    /** The source said end of stream. Must not throw. */
    protected abstract void ended();

    /** A read failed with {@code failure}, which the reader gets unchanged. Must not throw. */
    protected abstract void failed(Exception failure);

    /** The reader closed the stream before its end. Must not throw. */
    protected abstract void abandoned();

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] bytes, int offset, int length) throws IOException {
        int n;
        try {
            n = source.read(bytes, offset, length);
        } catch (IOException | RuntimeException e) {
            decide(() -> failed(e));
            throw e;
        }
        if (n < 0) {
            decide(this::ended);
        } else if (n > 0 && !decided) {
            passed(bytes, offset, n);
        }
        return n;
    }

    @Override
    public final int available() throws IOException {
        return source.available();
    }

    @Override
    public final void close() throws IOException {
        try {
            source.close();
        } finally {
            decide(this::abandoned);
        }
    }

    private void decide(Runnable outcome) {
        if (!decided) {
            decided = true;
            outcome.run();
        }
    }
}
