package dev.kisscam.adapter.storage;

import static java.lang.System.Logger.Level.WARNING;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Writes that survive {@code kill -9} and power loss: the bytes go to a temporary file that is fsynced,
 * renamed over the target in one step, and the directory holding the new name is fsynced too. A crash at
 * any moment leaves either the old file or the new one, whole, plus at most an orphaned temporary file.
 *
 * <p>They also survive interrupts. The thread that stores media is often a job's thread being stopped at
 * shutdown, interrupted before or during its last put, and that put is the one a restart needs. A {@link FileChannel} is an interruptible channel: it closes itself when its thread's interrupt flag
 * is set at, or during, a blocking call, and the write fails with {@link ClosedByInterruptException}.
 * Clearing the flag for the call is not enough for file content: an interrupt arriving mid-write still
 * closes the channel, and a streamed put cannot be replayed. So content goes through java.io
 * ({@link FileOutputStream}, {@link FileDescriptor#sync()}), plain system calls that an interrupt never
 * touches; renames, creations and deletions are such calls already. The fsync of a directory, which java.io
 * cannot open, runs {@linkplain #despiteInterrupts despite interrupts}: with the flag cleared, repeated if an
 * interrupt closed the channel anyway (it can safely be repeated), and the flag set again afterwards. Either way the caller's flag is
 * as it was, or set if an interrupt came meanwhile, so a job being stopped still sees it was asked to stop.
 */
final class DurableFiles {

    private static final System.Logger LOG = System.getLogger(DurableFiles.class.getName());

    private static final boolean DIRECTORIES_CAN_BE_SYNCED =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private DurableFiles() {
    }

    /**
     * Renames {@code from} to {@code to} in one step, replacing what was there, and makes both directory
     * entries durable. Both must be on the same filesystem.
     */
    static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(to.getParent());
        if (!from.getParent().equals(to.getParent())) {
            syncDirectory(from.getParent());
        }
    }

    /** Makes the creation, rename or removal of entries in {@code dir} durable. */
    static void syncDirectory(Path dir) throws IOException {
        if (!DIRECTORIES_CAN_BE_SYNCED) {
            return; // Windows cannot open a directory as a channel; NTFS journals its metadata itself
        }
        despiteInterrupts(() -> {
            try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
                channel.force(true);
            }
            return null;
        });
    }

    /**
     * Opens {@code file} for writing from its start, on a path an interrupt cannot close (see the class
     * comment); {@link #sync} makes what was written durable.
     */
    static FileOutputStream openForWriting(Path file) throws IOException {
        return new FileOutputStream(file.toFile());
    }

    /** Makes everything written through {@code out} durable. */
    static void sync(FileOutputStream out) throws IOException {
        out.getFD().sync();
    }

    /** Makes the content of {@code file}, written by someone else (a copy, say), durable. */
    static void syncFile(Path file) throws IOException {
        try (RandomAccessFile opened = new RandomAccessFile(file.toFile(), "rw")) {
            opened.getFD().sync();
        }
    }

    /** Creates {@code dir} and any missing parents, and makes their directory entries durable. */
    static void createDirectories(Path dir) throws IOException {
        Path existing = dir;
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        Files.createDirectories(dir);
        if (existing == null || existing.equals(dir)) {
            return;
        }
        for (Path parent = dir.getParent(); ; parent = parent.getParent()) {
            syncDirectory(parent);
            if (parent.equals(existing)) {
                return;
            }
        }
    }

    /** Deletes every regular file directly in {@code dir} whose name matches {@code glob}; returns how many. */
    static int deleteMatching(Path dir, String glob) throws IOException {
        return deleteOlderThan(dir, glob, Instant.MAX);
    }

    /**
     * Deletes every regular file directly in {@code dir} matching {@code glob} and last modified before
     * {@code cutoff}, without following links; returns how many. A file that cannot be deleted is logged and
     * skipped, so one bad file does not stop the rest.
     *
     * @throws IOException when {@code dir} cannot be listed
     */
    static int deleteOlderThan(Path dir, String glob, Instant cutoff) throws IOException {
        return deleteOlderThan(dir, glob, cutoff, file -> false);
    }

    /**
     * As {@link #deleteOlderThan(Path, String, Instant)}, but keeps each file that {@code keep} claims,
     * asking just before deleting it. What {@code keep} throws ends the deletion there.
     */
    static int deleteOlderThan(Path dir, String glob, Instant cutoff, Predicate<Path> keep) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                try {
                    var attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile() && attributes.lastModifiedTime().toInstant().isBefore(cutoff)
                            && !keep.test(file) && Files.deleteIfExists(file)) {
                        deleted++;
                    }
                } catch (NoSuchFileException alreadyGone) {
                    // removed meanwhile by whoever owned it
                } catch (IOException e) {
                    LOG.log(WARNING, "cannot delete " + file + ": " + reason(e), e);
                }
            }
        }
        return deleted;
    }

    /** What went wrong, in words: a {@link FileSystemException}'s message is often only the path. */
    static String reason(IOException e) {
        return switch (e) {
            case AccessDeniedException denied -> "permission denied";
            case NoSuchFileException missing -> "no such file or directory";
            case FileAlreadyExistsException exists -> "something that is not a directory is in the way";
            case FileSystemException other when other.getReason() != null -> other.getReason();
            default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        };
    }

    static void deleteQuietly(Path file, Throwable reason) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            reason.addSuppressed(e);
        }
    }

    /**
     * Runs a channel operation that can safely be repeated with the caller's interrupt flag cleared, repeats
     * it when an interrupt closed its channel anyway, and sets the flag again afterwards if it was set before
     * or got set meanwhile.
     */
    private static <T> T despiteInterrupts(ChannelCall<T> call) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                interrupted |= Thread.interrupted();
                try {
                    return call.run();
                } catch (ClosedByInterruptException closedUnderUs) {
                    interrupted = true; // the flag is still set: the next round clears it and tries again
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @FunctionalInterface
    private interface ChannelCall<T> {
        T run() throws IOException;
    }
}
