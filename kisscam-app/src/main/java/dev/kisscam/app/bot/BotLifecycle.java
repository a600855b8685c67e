package dev.kisscam.app.bot;

import com.google.inject.Inject;
import com.sun.net.httpserver.HttpHandler;
import dev.kisscam.adapter.telegram.TelegramAdapters;
import dev.kisscam.adapter.telegram.TelegramCallException;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.adapter.telegram.TelegramUpdates;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.Role;
import dev.kisscam.app.dashboard.Dashboard;
import dev.kisscam.app.http.AdminAccess;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.app.http.HealthMeters;
import dev.kisscam.app.http.HttpEndpoint;
import dev.kisscam.app.http.QueueHealth;
import dev.kisscam.app.provider.ProviderKey;
import dev.kisscam.app.wiring.Closeables;
import dev.kisscam.app.wiring.StorageUpkeep;
import dev.kisscam.core.service.Kisscam;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Starts the bot in an order where nothing is asked of a part that is not up yet: the HTTP endpoint (so
 * /health answers "starting"), storage upkeep, job recovery, then the update source. Stops in reverse: no
 * more updates, running jobs persist where they stand, then whatever the modules registered to be closed (the
 * stores, the provider's clients) is released. It knows no provider: the modules add their health checks.
 */
public final class BotLifecycle {
    private static final System.Logger LOG = System.getLogger(BotLifecycle.class.getName());
    /** What the core gets to wind down; the whole stop fits in the 10 s a service manager usually allows. */
    static final Duration JOB_GRACE = Duration.ofSeconds(6);
    static final String DEFAULT_WEBHOOK_PATH = "/telegram/webhook";

    private final AppConfig config;
    private final AppConfig.Telegram telegramSettings;
    private final Kisscam kisscam;
    private final TelegramAdapters telegram;
    private final TelegramUpdates updates;
    private final StorageUpkeep storage;
    private final List<HealthCheck> checks;
    private final Closeables closeables;
    private final PrometheusMeterRegistry metrics;
    private final Leadership leadership;
    private final ProviderKey providerKey;
    private final Dashboard dashboard;
    private final Role role;
    private HttpEndpoint endpoint;
    private boolean stopped;
    /** Read by the campaign's thread too: a lead won while stopping starts nothing. */
    private volatile boolean stopping;

    /**
     * @param moduleChecks what the installed modules report on, the provider among them
     * @param leadership whether this instance is the one that polls, when several share the bot
     * @param role whether this process takes updates, runs jobs, or both
     */
    @Inject
    BotLifecycle(AppConfig config, Kisscam kisscam, TelegramAdapters telegram, TelegramUpdates updates,
            StorageUpkeep storage, Set<HealthCheck> moduleChecks, Closeables closeables,
            PrometheusMeterRegistry metrics, ProviderKey providerKey, Dashboard dashboard, Leadership leadership,
            Role role) {
        this.role = role;
        this.config = config;
        this.telegramSettings = config.telegram().orElseThrow(
                () -> new IllegalArgumentException("the bot needs the Telegram settings"));
        this.kisscam = kisscam;
        this.telegram = telegram;
        this.updates = updates;
        this.storage = storage;
        var all = new ArrayList<HealthCheck>();
        all.add(storage);
        all.addAll(moduleChecks);
        all.add(new QueueHealth(kisscam));
        this.checks = List.copyOf(all);
        this.closeables = closeables;
        this.metrics = metrics;
        new HealthMeters(checks).bindTo(metrics);
        this.providerKey = providerKey;
        this.dashboard = dashboard;
        this.leadership = leadership;
    }

    public synchronized void start() throws IOException {
        requireUsableProviderKey();
        endpoint = endpoint();
        endpoint.start();
        dashboard.start();
        if (role.runsJobs()) {
            kisscam.start();
        } else {
            kisscam.startWithoutJobs();
        }
        // After the jobs resumed: the sweeper then sees every job that still needs its media.
        storage.start();
        // Every instance serves a webhook; of several polling instances, one polls and the others run jobs until it dies.
        if (role.takesUpdates()) {
            switch (telegramSettings.config().mode()) {
                case LONG_POLLING -> leadership.campaign(this::takeUpdates, this::stopTakingUpdates);
                case WEBHOOK -> takeUpdates();
            }
        }
        LOG.log(System.Logger.Level.INFO, switch (role) {
            case ALL -> "role all: taking updates and running jobs";
            case FRONTEND -> "role frontend: taking updates and queueing jobs; the workers run them";
            case WORKER -> "role worker: running jobs and delivering; taking no updates";
        });
        endpoint.ready(true);
    }

    private void takeUpdates() {
        if (stopping) {
            return;
        }
        try {
            updates.start();
        } catch (TelegramCallException e) {
            if (e.errorCode() == 401) {
                throw new RefusedConfiguration("Telegram refused the bot token (401): check "
                        + TelegramConfig.TELEGRAM_BOT_TOKEN, e);
            }
            throw new IllegalStateException("cannot reach Telegram at " + telegramSettings.config().apiUrl() + ": "
                    + e.getMessage(), e);
        }
        switch (telegramSettings.config().mode()) {
            case LONG_POLLING -> LOG.log(System.Logger.Level.INFO, "taking updates by long polling");
            case WEBHOOK -> {
                URI url = telegramSettings.webhookUrl().orElseThrow();
                updates.registerWebhook(url);
                LOG.log(System.Logger.Level.INFO, "taking updates at " + webhookPath() + " (public URL " + url + ")");
            }
        }
    }

    /** Another instance polls now: this one goes on running and delivering jobs, and polls again after a restart. */
    private void stopTakingUpdates() {
        LOG.log(System.Logger.Level.WARNING, "another instance took the polling lead; this one stops polling and goes on"
                + " running jobs");
        quietly("polling", updates::close);
    }

    /** A key the provider refuses stops the start; a provider that cannot say is only worth a warning. */
    private void requireUsableProviderKey() {
        switch (providerKey.check()) {
            case ProviderKey.Usable usable -> LOG.log(System.Logger.Level.INFO, "the video provider accepts the API key");
            case ProviderKey.Refused refused -> throw new RefusedConfiguration(
                    "xAI refused the API key: check GROK_API_KEY (" + refused.why() + ")", null);
            case ProviderKey.Unanswered unanswered -> LOG.log(System.Logger.Level.WARNING,
                    "cannot check the video provider's API key now (" + unanswered.why() + "); starting anyway");
        }
    }

    /** The port the HTTP endpoint listens on (PORT=0 picks a free one). */
    public synchronized int httpPort() {
        return endpoint.port();
    }

    /** The port the admin routes (/metrics, /dashboard, /health/details) listen on; {@link #httpPort()} if shared. */
    public synchronized int adminPort() {
        return endpoint.adminPort();
    }

    /**
     * The public listener, and the admin routes beside it: on HOST:ADMIN_PORT behind the token when there is one,
     * otherwise on 127.0.0.1 only, open to whoever can reach that.
     */
    private HttpEndpoint endpoint() throws IOException {
        AppConfig.Server server = config.server();
        AppConfig.Operations operations = config.operations();
        var main = new HttpEndpoint.Listener(server.host(), server.port());
        Optional<HttpEndpoint.Listener> admin = operations.sharesListener(server) ? Optional.empty()
                : Optional.of(new HttpEndpoint.Listener(operations.adminHost(server), operations.adminPort()));
        if (operations.adminToken().isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "no ADMIN_TOKEN: /metrics, /dashboard and /health/details listen on "
                    + admin.map(HttpEndpoint.Listener::host).orElse(server.host()) + " only");
        }
        return new HttpEndpoint(main, admin, AdminAccess.of(operations.adminToken()), checks, metrics::scrape,
                routes(), dashboard.routes());
    }

    private Map<String, HttpHandler> routes() {
        if (!role.takesUpdates()) {
            return Map.of();
        }
        return switch (telegramSettings.config().mode()) {
            case LONG_POLLING -> Map.of();
            case WEBHOOK -> Map.of(webhookPath(), updates.webhookHandler());
        };
    }

    private String webhookPath() {
        String path = telegramSettings.webhookUrl().map(URI::getPath).orElse("");
        return path == null || path.isEmpty() || "/".equals(path) ? DEFAULT_WEBHOOK_PATH : path;
    }

    /** Safe to call more than once and after a failed start. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopping = true;
        LOG.log(System.Logger.Level.INFO, "stopping");
        if (endpoint != null) {
            endpoint.ready(false);
        }
        quietly("Telegram", telegram::close);
        // Once this instance no longer polls: another may take over at once.
        quietly("the polling lead", leadership::close);
        quietly("the core", () -> kisscam.close(JOB_GRACE));
        // Storage upkeep, the stores and the provider's clients, the last made first.
        closeables.close();
        dashboard.close();
        if (endpoint != null) {
            quietly("the HTTP endpoint", endpoint::close);
        }
        LOG.log(System.Logger.Level.INFO, "stopped");
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void quietly(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "stopping " + what + " failed: " + e.getMessage());
        }
    }
}
