package dev.kisscam.app.testing;

import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged {@code kisscam.jar} as the end-to-end tests and the benchmark start it: on the JVM that runs
 * them, in a directory of its own, with exactly the environment given, its output captured to a file.
 */
public final class PackagedProgram {
    private PackagedProgram() {
    }

    /** The jar failsafe points at (it runs after {@code package}). */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("kisscam.jar", "target/kisscam.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no packaged program at " + jar.toAbsolutePath()
                    + "; it is built by package, before failsafe runs");
        }
        return jar;
    }

    /** The java that runs the tests, which the toolchain chose: a JDK >= 21. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Starts {@code java <jvmArgs> -jar kisscam.jar <args>} in {@code directory} with exactly {@code env} (plus
     * PATH and HOME), standard output and error going to {@code output}.
     */
    public static Process start(Path directory, Path output, List<String> jvmArgs, Map<String, String> env,
            String... args) throws IOException {
        var command = new ArrayList<String>();
        command.add(java());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        builder.environment().putAll(env);
        return builder.start();
    }

    /** A bot's environment pointed at the fakes, with its storage under {@code directory}. */
    public static Map<String, String> botEnvironment(FakeBotApi telegram, SimulatedXai xai, Path directory) {
        var env = new HashMap<String, String>();
        env.put("TELEGRAM_BOT_TOKEN", FakeBotApi.TOKEN);
        env.put("TELEGRAM_API_URL", telegram.baseUrl().toString());
        env.put("GROK_API_KEY", SimulatedXai.apiKey());
        env.put("GROK_API_URL", xai.baseUrl().toString());
        // Many simulated users submit at once; the simulation has no rate limit to keep to.
        env.put("GROK_SUBMITS_PER_SECOND", "1000");
        env.put("STORAGE_PATH", directory.resolve("storage").toString());
        env.put("HOST", "127.0.0.1");
        return env;
    }
}
