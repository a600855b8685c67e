package dev.kisscam.app.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's garbage collection log ({@code -Xlog:gc}), read for the heap's peaks: the heap in use is highest
 * just before a collection, and what a collection leaves is what the bot holds. Reading the log costs the bot
 * nothing; scraping /metrics often enough to see the same peaks cost it a sizeable part of a burst's CPU.
 */
final class GcLog {
    /** {@code GC(12) Pause Young (Allocation Failure) 150M->40M(247M) 5.123ms}. */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    /** The heap's peaks over a part of the log; zeros where no collection happened in it. */
    record Peaks(long beforeCollectionBytes, long afterCollectionBytes, long committedBytes, int collections) {
    }

    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** The JVM option that writes this log. */
    String option() {
        return "-Xlog:gc:file=" + file;
    }

    /** Where the log ends now: a later {@link #peaksSince(long)} reads only what comes after. */
    long end() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Peaks peaksSince(long offset) {
        String log;
        try {
            byte[] all = Files.readAllBytes(file);
            log = new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long before = 0;
        long after = 0;
        long committed = 0;
        int collections = 0;
        Matcher m = COLLECTION.matcher(log);
        while (m.find()) {
            before = Math.max(before, bytes(m.group(1), m.group(2)));
            after = Math.max(after, bytes(m.group(3), m.group(4)));
            committed = Math.max(committed, bytes(m.group(5), m.group(6)));
            collections++;
        }
        return new Peaks(before, after, committed, collections);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            case "G" -> n << 30;
            default -> throw new IllegalArgumentException(unit);
        };
    }
}
