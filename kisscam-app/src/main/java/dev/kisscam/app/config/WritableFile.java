package dev.kisscam.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the program will be able to write a file it is told to (a log file), checked before it starts: a log
 * that cannot be written would otherwise be dropped without a word, and the operator would look for it in vain.
 */
final class WritableFile {
    private WritableFile() {
    }

    /** Why {@code file} cannot be written, or empty when it can (its missing directories will be made). */
    static Optional<String> problem(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return Optional.of("is a directory, not a file: " + file);
        }
        if (Files.exists(absolute)) {
            return Files.isWritable(absolute) ? Optional.empty() : Optional.of("cannot be written: " + file);
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            return Optional.of("cannot be created: " + file + " (" + ancestor + " is not a directory)");
        }
        return Files.isWritable(ancestor) ? Optional.empty()
                : Optional.of("cannot be created: " + file + " (" + ancestor + " is not writable)");
    }
}
