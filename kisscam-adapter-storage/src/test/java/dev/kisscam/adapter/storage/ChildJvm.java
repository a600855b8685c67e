package dev.kisscam.adapter.storage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM running a main class from the test classpath, with the java binary running the tests: a
 * process that can really be killed, or given a small heap or a file size limit.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;

    private ChildJvm(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static ChildJvm start(List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        return start(List.of(), jvmOptions, main, args);
    }

    /** {@code wrapper} goes before the java command, for example {@code bash -c 'ulimit -f 100; exec "$0" "$@"'}. */
    static ChildJvm start(List<String> wrapper, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs the tests"));
        List<String> command = new ArrayList<>(wrapper);
        command.add(java);
        command.add("-XX:-UsePerfData");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    /** The next line the child printed, or null once it has exited. */
    String readLine() throws IOException {
        return output.readLine();
    }

    /** Everything the child prints until it exits, and its exit code. */
    Result awaitExit(long seconds) throws IOException, InterruptedException {
        var lines = new ArrayList<String>();
        for (String line; (line = output.readLine()) != null; ) {
            lines.add(line);
        }
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child JVM did not exit within " + seconds + " s: " + lines);
        }
        return new Result(process.exitValue(), lines);
    }

    /**
     * What {@code kill -9} does: no shutdown hooks, no flushing, no finally blocks. Through the process
     * handle, because {@link Process#destroyForcibly()} also closes our end of the pipes, and what the child
     * printed before it died is still to be read.
     */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        output.close();
    }

    record Result(int exitCode, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }
}
