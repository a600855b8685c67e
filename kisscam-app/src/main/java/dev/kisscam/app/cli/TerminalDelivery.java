package dev.kisscam.app.cli;

import dev.kisscam.core.domain.Failure;
import dev.kisscam.core.domain.Requester;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.DeliveryException;
import dev.kisscam.core.port.out.JobRef;
import dev.kisscam.core.port.out.Video;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;

/**
 * The command line as a frontend: shows the job's progress as a bar on the terminal and writes the video
 * to the file the user named. One job per run; {@link #outcome()} completes when it ends.
 */
final class TerminalDelivery implements Delivery {

    sealed interface Outcome {
    }

    record Written(Path file, long bytes) implements Outcome {
    }

    record Failed(Failure failure) implements Outcome {
    }

    record Cancelled() implements Outcome {
    }

    private final PrintStream terminal;
    private final PrintStream result;
    private final Path out;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    /**
     * @param terminal where progress and messages go (standard error)
     * @param result where the written video's path goes, alone on its line (standard output), for scripts
     */
    TerminalDelivery(PrintStream terminal, PrintStream result, Path out) {
        this.terminal = terminal;
        this.result = result;
        this.out = out;
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void queuePosition(JobRef job, int queuePosition) {
        terminal.println("In queue #" + queuePosition + ".");
    }

    @Override
    public void progress(JobRef job, int percent) {
        terminal.print("\rGenerating " + bar(percent) + " " + percent + " %");
        terminal.flush();
    }

    static String bar(int percent) {
        int filled = Math.round(percent / 5f);
        return "[" + "#".repeat(filled) + "-".repeat(20 - filled) + "]";
    }

    @Override
    public void videoReady(JobRef job, Video video) {
        terminal.println();
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path partial = Files.createTempFile(parent, ".kisscam-", ".part");
            try (InputStream in = video.open()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            long bytes = Files.size(out);
            terminal.println("Video written to " + out + " (" + bytes + " bytes).");
            result.println(out);
            outcome.complete(new Written(out, bytes));
        } catch (IOException e) {
            throw new DeliveryException("could not write " + out + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void failed(JobRef job, Failure failure) {
        terminal.println();
        outcome.complete(new Failed(failure));
    }

    @Override
    public void cancelled(JobRef job) {
        outcome.complete(new Cancelled());
    }

    @Override
    public void draftExpired(Requester requester) {
        outcome.complete(new Cancelled());
    }
}
