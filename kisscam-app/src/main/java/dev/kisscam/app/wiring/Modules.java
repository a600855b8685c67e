package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.core.port.out.Delivery;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Chooses the modules for a configuration. Modules only describe how to build things; nothing is opened,
 * connected or created until the program asks for it, so building an injector is free of I/O.
 */
public final class Modules {
    private Modules() {
    }

    /** The Telegram bot: everything from the configuration. */
    public static List<Module> bot(AppConfig config) {
        return List.of(new AppConfigModule(config), new MetricsModule(), new CoreModule(config.limits()),
                new GrokModule(config.grok(), config.limits().repeatWindow()),
                storage(config.storage()), new TelegramModule(config.telegram()));
    }

    /**
     * The command line: the same core and provider, with the terminal as the frontend and a private
     * {@code workDirectory} for its one job, so it never competes with a running bot for STORAGE_PATH.
     */
    public static List<Module> commandLine(AppConfig config, Delivery terminal, Path workDirectory) {
        var privateStorage = new AppConfig.LocalStorage(workDirectory, workDirectory.resolve("tmp"));
        return List.of(new AppConfigModule(config), new MetricsModule(), new CoreModule(config.limits()),
                new GrokModule(config.grok(), Duration.ZERO),
                storage(privateStorage), new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Delivery.class).toInstance(terminal);
                    }
                });
    }

    static Module storage(AppConfig.Storage storage) {
        return switch (storage) {
            case AppConfig.LocalStorage local -> new LocalStorageModule(local);
            case AppConfig.S3Storage s3 -> new S3StorageModule(s3);
        };
    }

    private static final class AppConfigModule extends AbstractModule {
        private final AppConfig config;

        AppConfigModule(AppConfig config) {
            this.config = config;
        }

        @Override
        protected void configure() {
            bind(AppConfig.class).toInstance(config);
        }
    }
}
