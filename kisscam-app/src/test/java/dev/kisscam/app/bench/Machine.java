package dev.kisscam.app.bench;

import dev.kisscam.app.testing.PackagedProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine and JVM the numbers came from, since they mean little without them. */
final class Machine {
    private Machine() {
    }

    static void describe(BenchReport report) throws IOException, InterruptedException {
        report.line("nproc: " + run("nproc").strip());
        report.line("cpu: " + cpuModel());
        run("free", "-m").lines().forEach(line -> report.line("free -m | " + line));
        // Other work on a shared machine shows in every timing; its load says how much to trust them.
        report.line("load average at start (/proc/loadavg): " + Files.readString(Path.of("/proc/loadavg")).strip());
        report.line("java: " + PackagedProgram.java());
        run(PackagedProgram.java(), "-version").lines().forEach(line -> report.line("java -version | " + line));
        var launcherOptions = ChildBot.JVM_ARGS.toArray(String[]::new);
        var flags = new java.util.ArrayList<String>(List.of(PackagedProgram.java()));
        flags.addAll(List.of(launcherOptions));
        flags.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        run(flags.toArray(String[]::new)).lines()
                .filter(line -> line.contains(" MaxHeapSize ") || line.matches(".*Use\\w+GC .*= true.*"))
                .forEach(line -> report.line("bot JVM | " + line.strip().replaceAll("\\s+", " ")));
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElse("unknown");
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
