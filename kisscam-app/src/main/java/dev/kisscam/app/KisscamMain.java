package dev.kisscam.app;

import dev.kisscam.app.cli.GenerateCommand;
import dev.kisscam.app.cli.StylesCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kisscam bot}, {@code kisscam generate} or {@code kisscam styles}; {@code kisscam --help} lists them. */
@Command(name = "kisscam", mixinStandardHelpOptions = true, versionProvider = KisscamMain.Version.class,
        description = "Turns a photo of two people into a short video of them kissing.")
public final class KisscamMain implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // Guice's optional bytecode generation (AOP, fast reflection) is unused here and reaches for
        // sun.misc.Unsafe, which newer JDKs warn about on the terminal.
        System.setProperty("guice_bytecode_gen_option", "DISABLED");
        System.exit(run(Launch.fromProcess(), args));
    }

    /** Runs one command and returns its exit status; bad arguments are status 2, as for bad configuration. */
    public static int run(Launch launch, String... args) {
        return new CommandLine(new KisscamMain())
                .addSubcommand(new BotCommand(launch))
                .addSubcommand(new GenerateCommand(launch))
                .addSubcommand(new StylesCommand(launch))
                .addSubcommand("help", new CommandLine.HelpCommand())
                .setOut(new PrintWriter(launch.out(), true))
                .setErr(new PrintWriter(launch.err(), true))
                .execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: bot, generate, styles or help");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = KisscamMain.class.getPackage().getImplementationVersion();
            return new String[] {"kisscam " + (version == null ? "(development build)" : version)};
        }
    }
}
