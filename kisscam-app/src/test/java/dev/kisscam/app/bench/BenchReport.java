package dev.kisscam.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** What the benchmark found, line by line, on stdout and in a file that outlives the console. */
final class BenchReport {
    private final Path file;

    private BenchReport(Path file) {
        this.file = file;
    }

    /** A new report in {@code file}, replacing the one of an earlier run. */
    static BenchReport createIn(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BenchReport(file);
    }

    synchronized void line(String text) {
        System.out.println(text);
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void section(String title) {
        line("");
        line("== " + title);
    }

    /** What the bot logged at WARN and above, by kind: nothing, when all went well. */
    void botLog(String output) {
        BotLog.summary(output, 8).forEach(this::line);
    }

    static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
