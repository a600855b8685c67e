package dev.kisscam.app;

import com.google.inject.Guice;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import dev.kisscam.app.bot.BotLifecycle;
import dev.kisscam.app.bot.RefusedConfiguration;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.app.http.HttpEndpoint;
import dev.kisscam.app.wiring.Modules;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.kisscam.app.config.Role;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kisscam bot}: runs the Telegram bot until the process is told to stop (SIGTERM, Ctrl-C). */
@Command(name = "bot", mixinStandardHelpOptions = true,
        description = "Run the Telegram bot: serves users until stopped with SIGTERM or Ctrl-C.",
        footerHeading = "%nSettings:%n",
        footer = {"It reads its settings from the environment, then from a .env file in the working directory.",
            "TELEGRAM_BOT_TOKEN (from @BotFather) and GROK_API_KEY (from console.x.ai) are required; every other",
            "setting has a default. .env.example lists and explains them all (TELEGRAM_MODE, STORAGE_PATH, PORT,",
            "LOG_LEVEL, ...). A configuration problem is reported with all the others and exits with status 2."})
final class BotCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(BotCommand.class.getName());

    private final Launch launch;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "all", converter = RoleWord.class,
            description = {"all (default): take updates and run jobs;",
                "frontend: take updates and answer users, run no generation;",
                "worker: run generations and deliver, take no updates (/health still served)."})
    Role role = Role.ALL;

    BotCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() throws InterruptedException {
        var values = launch.values();
        var config = launch.config(values, ConfigLoader.Purpose.BOT);
        if (config.isEmpty()) {
            return Launch.BAD_CONFIGURATION;
        }
        Launch.configureLogging(config.get(), config.get().logging().level());
        LOG.log(System.Logger.Level.INFO, "configuration:\n  " + String.join("\n  ", ConfigLoader.describe(config.get())));
        BotLifecycle lifecycle;
        try {
            lifecycle = Guice.createInjector(Stage.DEVELOPMENT, Modules.bot(config.get(), role)).getInstance(BotLifecycle.class);
        } catch (ProvisionException e) {
            return cannotStart(rootCause(e), config.get());
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("kisscam-shutdown").unstarted(() -> {
            lifecycle.stop();
            stopped.countDown();
        }));
        try {
            lifecycle.start();
        } catch (Exception e) {
            lifecycle.stop();
            return cannotStart(rootCause(e), config.get());
        }
        LOG.log(System.Logger.Level.INFO, lifecycle.adminPort() == lifecycle.httpPort()
                ? "kisscam is running; /health and /metrics on port " + lifecycle.httpPort()
                : "kisscam is running; /health on port " + lifecycle.httpPort() + ", /metrics and /dashboard on port "
                        + lifecycle.adminPort());
        stopped.await();
        return 0;
    }

    /** A role word, or picocli's usage error (status 2) naming the allowed ones. */
    static final class RoleWord implements CommandLine.ITypeConverter<Role> {
        @Override
        public Role convert(String word) {
            try {
                return Role.of(word);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected one of " + Role.words() + ", was '" + word + "'");
            }
        }
    }

    private int cannotStart(Throwable cause, AppConfig config) {
        String why = cause instanceof HttpEndpoint.ListenerInUse inUse ? portInUse(inUse.listener(), config)
                : cause.getMessage();
        LOG.log(System.Logger.Level.ERROR, "kisscam could not start: " + why);
        launch.err().println("kisscam: could not start: " + why);
        return cause instanceof RefusedConfiguration ? Launch.BAD_CONFIGURATION : 1;
    }

    /** Names the variable to change: the port of the webhook and /health, or the admin routes' own. */
    private static String portInUse(HttpEndpoint.Listener listener, AppConfig config) {
        String variable = listener.port() == config.server().port() ? "PORT" : "ADMIN_PORT";
        return variable + "=" + listener.port() + " is in use on " + listener.host()
                + " (another program listens there): stop it or choose another " + variable;
    }

    /** What actually went wrong: the first cause that is not Guice's or reflection's wrapping of it. */
    static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof ProvisionException || cause instanceof java.lang.reflect.InvocationTargetException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
