package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.storage.LocalStorageConfig;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.Role;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.VideoGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Chooses the modules for a configuration. Modules only describe how to build things; nothing is opened,
 * connected or created until the program asks for it, so building an injector is free of I/O.
 *
 * <p>Every module may add a {@link HealthCheck} to the set /health reports, and registers what it makes that
 * must be released in the {@link Closeables}, so the program runs and stops any adapter without knowing it.
 */
public final class Modules {
    private Modules() {
    }

    /** The Telegram bot: everything from the configuration, taking updates and running jobs. */
    public static List<Module> bot(AppConfig config) {
        return bot(config, Role.ALL);
    }

    /** The Telegram bot in one {@code role}: updates, jobs or both. */
    public static List<Module> bot(AppConfig config, Role role) {
        AppConfig.Telegram telegram = config.telegram().orElseThrow(() -> new IllegalArgumentException(
                "the bot needs the Telegram settings: load the configuration for the bot"));
        return List.of(new ProgramModule(config), binder -> binder.bind(Role.class).toInstance(role),
                new MetricsModule(), shared(config.shared()),
                new CoreModule(config.core()),
                storage(config.storage()),
                new SqlModule(config.database(), config.storage().local().storagePath(), config.limits()),
                provider(config.provider(), config.core().repeatWindow(), UnaryOperator.identity()),
                new TelegramModule(telegram.config(), config.core().styles(), config.styleLabels()));
    }

    /**
     * The command line: the same core and provider, with the terminal as the frontend and a private
     * {@code workDirectory} for its one job, so it never competes with a running bot for STORAGE_PATH.
     *
     * @param aroundGenerator what the command line adds around the provider's generator (it shows costs)
     */
    public static List<Module> commandLine(AppConfig config, Delivery terminal, Path workDirectory,
            UnaryOperator<VideoGenerator> aroundGenerator) {
        var privateStorage = new AppConfig.LocalStorage(LocalStorageConfig.at(workDirectory));
        return List.of(new ProgramModule(config), new MetricsModule(),
                new CoreModule(config.core().withRepeatWindow(Duration.ZERO)),
                storage(privateStorage),
                new SqlModule(SqlConfig.under(workDirectory), workDirectory, config.limits()),
                provider(config.provider(), Duration.ZERO, aroundGenerator),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(Delivery.class).toInstance(terminal);
                    }
                });
    }

    static Module storage(AppConfig.Storage storage) {
        return switch (storage) {
            case AppConfig.LocalStorage local -> new LocalStorageModule(local.local());
            case AppConfig.S3Storage s3 -> new S3StorageModule(s3.s3(), s3.local());
        };
    }

    /** What this instance shares with others beyond the database (the command line shares nothing: one job of its own). */
    static Module shared(AppConfig.Shared shared) {
        return switch (shared) {
            case AppConfig.Shared.Nothing nothing -> new InProcessModule();
            case AppConfig.Shared.Redis redis -> new RedisModule(redis.config());
        };
    }

    /** @param countsWindow how long a photo's people count is remembered by its digest (zero: never) */
    static Module provider(AppConfig.Provider provider, Duration countsWindow,
            UnaryOperator<VideoGenerator> aroundGenerator) {
        return switch (provider) {
            case AppConfig.Provider.Grok grok -> new GrokModule(grok.config(), countsWindow, aroundGenerator);
        };
    }

    /** What every program has, whatever its adapters: its configuration, and where modules register. */
    private static final class ProgramModule extends AbstractModule {
        private final AppConfig config;

        ProgramModule(AppConfig config) {
            this.config = config;
        }

        @Override
        protected void configure() {
            bind(AppConfig.class).toInstance(config);
            bind(Closeables.class).in(Singleton.class);
            Multibinder.newSetBinder(binder(), HealthCheck.class);
        }
    }
}
