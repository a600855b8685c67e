package dev.kisscam.core.service.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream handed to a store that remembers why it stopped: its own size limit, or a failure of the source
 * it reads. A store wraps whatever goes wrong into its own exception; this tells the core whose fault it was.
 */
public final class WatchedInput extends FilterInputStream {
    private final long limit;
    private final Observer observer;
    private long count;
    private boolean overLimit;
    private Throwable sourceFailure;

    /** Sees every byte that passes, in order. */
    public interface Observer {
        Observer NONE = (b, o, l) -> { };

        void seen(byte[] buffer, int offset, int length);
    }

    public WatchedInput(InputStream in, long limit, Observer observer) {
        super(in);
        this.limit = limit;
        this.observer = observer;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException | RuntimeException e) {
            sourceFailure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                overLimit = true;
                throw new IOException("more than " + limit + " bytes");
            }
            observer.seen(b, off, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes would escape the count and the observer; read them instead.
        long skipped = 0;
        byte[] buffer = new byte[8192];
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    public long count() {
        return count;
    }

    public boolean overLimit() {
        return overLimit;
    }

    public boolean sourceFailed() {
        return sourceFailure != null;
    }

    public Throwable sourceFailure() {
        return sourceFailure;
    }
}
