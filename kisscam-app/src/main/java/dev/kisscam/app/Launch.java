package dev.kisscam.app;

import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.app.config.ConfigSources;
import dev.kisscam.app.logging.ErrorTracking;
import dev.kisscam.app.logging.LoggingSetup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/** Where a command runs: its environment, its working directory (for .env) and its terminal. */
public record Launch(Map<String, String> environment, Path workingDirectory, PrintStream out, PrintStream err) {
    /** The exit status for a configuration that cannot work; the process says why and stops before doing anything. */
    public static final int BAD_CONFIGURATION = 2;

    public static Launch fromProcess() {
        return new Launch(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err);
    }

    /** The environment over {@code .env}; read once per command and handed to {@link #config}. */
    public ConfigSources values() {
        return ConfigSources.read(environment, workingDirectory);
    }

    /**
     * The configuration from {@code sources}, or empty after telling the user every problem with it, the lines
     * of {@code .env} it could not read among them.
     */
    public Optional<AppConfig> config(ConfigSources sources, ConfigLoader.Purpose purpose) {
        var problems = new ArrayList<>(sources.problems());
        Optional<AppConfig> config = switch (ConfigLoader.load(sources.values(), purpose)) {
            case ConfigLoader.Valid valid -> Optional.of(valid.config());
            case ConfigLoader.Invalid invalid -> {
                problems.addAll(invalid.problems());
                yield Optional.empty();
            }
        };
        if (!problems.isEmpty()) {
            err.println("kisscam: the configuration has " + problems.size() + " problem(s):");
            problems.forEach(problem -> err.println("  - " + problem));
            err.println("kisscam: see .env.example for every setting and its default.");
            return Optional.empty();
        }
        return config;
    }

    /** Logging as configured, and error tracking when SENTRY_DSN is set. */
    public static void configureLogging(AppConfig config, String level) {
        LoggingSetup.configure(level, config.logging().file(), ConfigLoader.secrets(config));
        ErrorTracking.start(config.operations().sentryDsn(), ConfigLoader.secrets(config));
    }
}
