package dev.kisscam.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.kisscam.app.Launch;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.app.provider.ProviderKey;
import dev.kisscam.app.wiring.Closeables;
import dev.kisscam.app.wiring.Modules;
import dev.kisscam.core.domain.Direction;
import dev.kisscam.core.service.Kisscam;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kisscam generate PHOTO [PHOTO] [--style STYLE] [--wish TEXT] --out FILE}: the core with the terminal as
 * its frontend. Proves the core does not care where photos come from, and lets an operator try the provider
 * (and its styles) without Telegram.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Make a video from one photo of two people, or two photos of one person each.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the video was written", "1:something else went wrong",
            "2:bad arguments (a missing file, three photos, an unknown style) or configuration",
            "3:the photos or the wish were refused for what they show",
            "4:the provider could not make the video, or cannot be reached, or refused the API key"})
public final class GenerateCommand implements Callable<Integer> {
    private final Launch launch;

    @Parameters(index = "0..1", arity = "1..2", paramLabel = "PHOTO", description = "A JPEG, PNG or WebP photo: give one photo of two people, or two photos of one person each.")
    List<Path> photos;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "where to write the MP4")
    Path out;

    @Option(names = "--style", paramLabel = "STYLE",
            description = "how the kiss looks (`kisscam styles` lists them); the first style if not given")
    String style;

    @Option(names = "--wish", paramLabel = "TEXT",
            description = "what you wish for in your own words, such as \"on a beach at night\" (one line, up to 200 characters)")
    String wish;

    public GenerateCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        for (Path photo : photos) {
            if (!Files.isRegularFile(photo) || !Files.isReadable(photo)) {
                launch.err().println("kisscam: " + photo + " is not a photo file that can be read"
                        + (Files.isDirectory(photo) ? " (it is a directory)" : "") + ".");
                return GenerateRun.BAD_ARGUMENTS;
            }
        }
        var values = launch.values();
        var config = launch.config(values, ConfigLoader.Purpose.COMMAND_LINE);
        if (config.isEmpty()) {
            return Launch.BAD_CONFIGURATION;
        }
        // Checked before anything is built: a mistyped style costs neither a photo check nor a provider call.
        Optional<Direction> direction = GenerateRun.direction(style, wish, config.get().core().styles(), launch.err());
        if (direction.isEmpty()) {
            return GenerateRun.BAD_ARGUMENTS;
        }
        // Progress is on the terminal; log lines only when something is wrong, unless LOG_LEVEL says otherwise.
        // .env's LOG_LEVEL is the bot's; the command line's own environment is what this run was asked for.
        String level = values.setInEnvironment("LOG_LEVEL") ? config.get().logging().level() : "WARN";
        Launch.configureLogging(config.get(), level);
        Path work = Files.createTempDirectory("kisscam-generate-");
        try {
            return generate(config.get(), direction.get(), work);
        } finally {
            deleteTree(work);
        }
    }

    private int generate(AppConfig config, Direction direction, Path work) throws InterruptedException {
        // Standard output carries the result (the video's path), for scripts; everything else goes to standard error.
        var terminal = new TerminalDelivery(launch.err(), launch.out(), out);
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.commandLine(config, terminal, work,
                generator -> new CostOnTerminal(generator, launch.err())));
        try {
            Optional<String> keyProblem = keyProblem(injector.getInstance(ProviderKey.class).check());
            if (keyProblem.isPresent()) {
                launch.err().println("kisscam: " + keyProblem.get());
                return GenerateRun.FAILED;
            }
            Kisscam kisscam = injector.getInstance(Kisscam.class);
            kisscam.start();
            try {
                return new GenerateRun(kisscam.intake(), kisscam.control(), kisscam.consent(), terminal, launch.err())
                        .run(photos, direction);
            } finally {
                kisscam.close();
            }
        } finally {
            // After the core has stopped: the job store and its lock, the provider's client.
            injector.getInstance(Closeables.class).close();
        }
    }

    /** Asked before any photo is checked: each check is a paid call that a refused key would fail anyway. */
    private static Optional<String> keyProblem(ProviderKey.Verdict verdict) {
        return switch (verdict) {
            case ProviderKey.Usable usable -> Optional.empty();
            case ProviderKey.Refused refused ->
                    Optional.of("xAI refused the API key: check GROK_API_KEY (" + refused.why() + ")");
            case ProviderKey.Unanswered unanswered -> Optional.of("xAI cannot be reached: " + unanswered.why());
        };
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
