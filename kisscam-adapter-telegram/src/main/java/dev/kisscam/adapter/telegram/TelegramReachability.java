package dev.kisscam.adapter.telegram;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Whether Telegram answers, as every call to it shows (long polling included): an OkHttp interceptor on the one
 * client all calls share. An outage is one WARN when the first call fails and one INFO when a call is answered
 * again, however many calls fail in between: each of those is logged only at DEBUG, by whoever made it. A 5xx
 * answer counts as an outage (a gateway answering for a Telegram that is not there); any other answer, a 4xx
 * included, means Telegram is there.
 */
public final class TelegramReachability implements Interceptor {
    private static final System.Logger LOG = System.getLogger(TelegramReachability.class.getName());

    private final URI where;
    private final TokenRedaction redaction;
    private final Clock clock;
    /** Since when calls fail; null while Telegram answers. */
    private final AtomicReference<Instant> downSince = new AtomicReference<>();
    private volatile String lastCause = "";

    TelegramReachability(URI where, TokenRedaction redaction, Clock clock) {
        this.where = where;
        this.redaction = redaction;
        this.clock = clock;
    }

    /** Empty while Telegram answers; the latest reason while it does not. */
    public Optional<String> outage() {
        return downSince.get() == null ? Optional.empty() : Optional.of(lastCause);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response;
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            if (!chain.call().isCanceled()) {
                unreachable(e.getClass().getSimpleName() + ": " + redaction.scrub(e.getMessage()));
            }
            throw e;
        }
        if (response.code() >= 500) {
            unreachable("HTTP " + response.code());
        } else {
            answered();
        }
        return response;
    }

    void unreachable(String cause) {
        lastCause = cause;
        Instant now = clock.instant();
        if (downSince.compareAndSet(null, now)) {
            LOG.log(System.Logger.Level.WARNING, "cannot reach Telegram at " + where + ": " + cause
                    + "; the bot keeps trying, and says so here when Telegram answers again");
        } else {
            LOG.log(System.Logger.Level.DEBUG, "Telegram still unreachable: " + cause);
        }
    }

    void answered() {
        Instant since = downSince.getAndSet(null);
        if (since != null) {
            LOG.log(System.Logger.Level.INFO, "Telegram at " + where + " answers again, after "
                    + Duration.between(since, clock.instant()).toSeconds() + " s");
        }
    }
}
