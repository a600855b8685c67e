package dev.kisscam.app.provider;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The directory where {@link RepeatedPhotosVideoCache} keeps its videos. Only files named by this class
 * ({@code *.video}, and {@code *.part} while they are written) are ever deleted, so a directory shared by
 * mistake loses nothing else.
 */
final class VideoFiles {
    private static final System.Logger LOG = System.getLogger(VideoFiles.class.getName());
    private static final String VIDEO = ".video";
    private static final String PART = ".part";

    private final Path directory;

    /** Creates the directory, or empties it of the videos of a previous run, which no index names anymore. */
    VideoFiles(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "*.{video,part}")) {
            for (Path leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    /**
     * Wraps {@code download} so its bytes are copied to a new file and given to {@code kept} (named after
     * {@code name}) once the whole download was read; when no copy can be started, the download as is.
     */
    InputStream copying(InputStream download, String name, Consumer<Path> kept) {
        Path part;
        try {
            part = Files.createTempFile(directory, name + "-", PART);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not start a copy in " + directory + "; the video is not cached: " + e.getMessage());
            return download;
        }
        OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(part));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not write " + part + "; the video is not cached: " + e.getMessage());
            deleteQuietly(part);
            return download;
        }
        return new CopyingDownload(download, part, out, copy -> keep(copy, name, kept));
    }

    /**
     * Renames a finished copy into place under a name no other copy has, so a second copy of the same
     * video never replaces a file that is being read or is about to be deleted as the older entry.
     */
    private void keep(Path copy, String name, Consumer<Path> kept) {
        Path file = directory.resolve(name + "-" + UUID.randomUUID() + VIDEO);
        try {
            Files.move(copy, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not move " + copy + " into place; the video is not cached: " + e.getMessage());
            deleteQuietly(copy);
            return;
        }
        kept.accept(file);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete " + file + "; it goes at the next start: " + e.getMessage());
        }
    }
}
