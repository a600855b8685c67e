package dev.kisscam.app.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Copies a download into a temporary file while its reader reads it, and hands the file over only when the
 * reader got every byte: a download that broke off, was cut short or was closed early leaves nothing
 * behind. The copy never fails the download: if writing the copy fails, the copy is given up and the
 * reader goes on.
 */
final class CopyingDownload extends WatchedDownload {
    private static final System.Logger LOG = System.getLogger(CopyingDownload.class.getName());

    private final Path copy;
    private final Consumer<Path> complete;
    /** Null once the copy was handed over or given up. */
    private OutputStream out;

    CopyingDownload(InputStream source, Path copy, OutputStream out, Consumer<Path> complete) {
        super(source);
        this.copy = copy;
        this.out = out;
        this.complete = complete;
    }

    @Override
    protected void passed(byte[] bytes, int offset, int length) {
        if (out == null) {
            return;
        }
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not copy a download to " + copy + "; it is not cached: " + e.getMessage());
            giveUp();
        }
    }

    @Override
    protected void ended() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not finish the copy " + copy + "; it is not cached: " + e.getMessage());
            giveUp();
            return;
        }
        out = null;
        complete.accept(copy);
    }

    @Override
    protected void failed(Exception failure) {
        giveUp();
    }

    @Override
    protected void abandoned() {
        giveUp();
    }

    private void giveUp() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // The copy is deleted next either way.
            }
            out = null;
        }
        VideoFiles.deleteQuietly(copy);
    }
}
