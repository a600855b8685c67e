package dev.kisscam.app.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a command's settings come from: the process environment over the {@code .env} file in its working
 * directory. It remembers which names the environment itself set (the command line's {@code LOG_LEVEL=... kisscam
 * generate} is not the bot's {@code .env}), and the lines of {@code .env} it could not read, which are
 * configuration problems like any other.
 */
public record ConfigSources(Map<String, String> values, Set<String> fromEnvironment, List<String> problems) {
    static final String FILE_NAME = ".env";

    public ConfigSources {
        values = Map.copyOf(values);
        fromEnvironment = Set.copyOf(fromEnvironment);
        problems = List.copyOf(problems);
    }

    public static ConfigSources read(Map<String, String> environment, Path directory) {
        var values = new HashMap<String, String>();
        var problems = new ArrayList<String>();
        Path file = directory.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            try {
                EnvFile.Read read = EnvFile.parse(Files.readString(file, StandardCharsets.UTF_8), FILE_NAME);
                values.putAll(read.values());
                problems.addAll(read.problems());
            } catch (MalformedInputException e) {
                problems.add(FILE_NAME + " is not UTF-8 text; save it as UTF-8");
            } catch (IOException e) {
                problems.add(FILE_NAME + " cannot be read: " + e.getClass().getSimpleName());
            }
        }
        values.putAll(environment);
        return new ConfigSources(values, environment.keySet(), problems);
    }

    /** Whether the process environment (not {@code .env}) gives {@code name}. */
    public boolean setInEnvironment(String name) {
        return fromEnvironment.contains(name);
    }
}
