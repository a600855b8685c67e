package dev.kisscam.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import dev.kisscam.app.Launch;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
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
            "2:bad arguments (such as an unknown style) or configuration",
            "3:the photos or the wish were refused", "4:the provider could not make the video"})
public final class GenerateCommand implements Callable<Integer> {
    private final Launch launch;

    @Parameters(arity = "1..2", paramLabel = "PHOTO", description = "JPEG, PNG or WebP; one photo of two people, or two photos")
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
        var terminal = new TerminalDelivery(launch.out(), out);
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.commandLine(config, terminal, work));
        try {
            Kisscam kisscam = injector.getInstance(Kisscam.class);
            kisscam.start();
            try {
                return new GenerateRun(kisscam.intake(), kisscam.control(), kisscam.consent(), terminal, launch.out())
                        .run(photos, direction);
            } finally {
                kisscam.close();
            }
        } finally {
            // After the core has stopped: the job store and its lock, the provider's client.
            injector.getInstance(Closeables.class).close();
        }
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
