package dev.kisscam.adapter.telegram;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.Supplier;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendVideo;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Every Bot API call goes through here: each attempt waits for its turn at the {@link FloodControl}, a 429 is
 * retried after its {@code retry_after}, a network failure or a 5xx after a growing pause, and whatever still
 * fails becomes a {@link TelegramCallException} without the token that says whether Telegram refused the call
 * or could not be reached.
 */
final class BotApi {
    private static final System.Logger LOG = System.getLogger(BotApi.class.getName());

    private final TelegramClient client;
    private final TokenRedaction redaction;
    private final int maxAttempts;
    private final Duration retryPause;
    private final Pacer pacer;
    private final FloodControl flood;

    BotApi(TelegramClient client, TokenRedaction redaction, int maxAttempts, Duration retryPause, Pacer pacer,
            FloodControl flood) {
        this.client = client;
        this.redaction = redaction;
        this.maxAttempts = maxAttempts;
        this.retryPause = retryPause;
        this.pacer = pacer;
        this.flood = flood;
    }

    <T extends Serializable> T call(FloodControl.Turn turn, BotApiMethod<T> method) {
        return withRetries(method.getMethod(), turn, () -> client.execute(method));
    }

    /**
     * {@code now} makes the request when its turn has come, anew for each attempt, so a request that waited
     * carries what is latest then.
     */
    <T extends Serializable> T call(FloodControl.Turn turn, String method, Supplier<? extends BotApiMethod<T>> now) {
        return withRetries(method, turn, () -> client.execute(now.get()));
    }

    /** {@code fresh} makes the request anew for each attempt, because an upload's stream is read once. */
    Message sendVideo(long chatId, Supplier<SendVideo> fresh) {
        return withRetries("sendVideo", FloodControl.Turn.video(chatId), () -> client.execute(fresh.get()));
    }

    /** Sent as multipart by the library, so it has its own entry point. */
    Boolean setWebhook(SetWebhook setWebhook) {
        return withRetries("setWebhook", FloodControl.Turn.botWide(FloodControl.Priority.ANSWER),
                () -> client.execute(setWebhook));
    }

    TokenRedaction redaction() {
        return redaction;
    }

    /**
     * One attempt, no retries: at start a wrong token or an unreachable Telegram is told at once, with its cause,
     * instead of after a round of retries.
     */
    <T extends Serializable> T once(String name, BotApiMethod<T> method) {
        try {
            return client.execute(method);
        } catch (TelegramApiException e) {
            if (errorCode(e) > 0) {
                throw failure(name, e, "refused");
            }
            Throwable cause = e;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            String why = cause == e ? redaction.scrub(e.getMessage())
                    : cause.getClass().getSimpleName() + ": " + redaction.scrub(cause.getMessage());
            throw new TelegramCallException(name, 0, true, name + " got no answer: " + why, redaction.scrub(e.getCause()));
        }
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run() throws TelegramApiException;
    }

    private <T> T withRetries(String method, FloodControl.Turn turn, Attempt<T> attempt) {
        Duration pause = retryPause;
        for (int n = 1; ; n++) {
            try {
                flood.awaitTurn(turn);
                return attempt.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(method, "while waiting for its turn");
            } catch (TelegramApiException e) {
                if (hasCause(e, InterruptedException.class)) {
                    Thread.currentThread().interrupt();
                    throw failure(method, e, "interrupted");
                }
                Duration wait = waitBeforeRetry(e, pause);
                if (wait == null || n >= maxAttempts) {
                    throw failure(method, e, n >= maxAttempts && wait != null ? "gave up after " + n + " attempts" : "refused");
                }
                LOG.log(System.Logger.Level.DEBUG, "{0} failed ({1}), trying again in {2}", method,
                        redaction.scrub(e.getMessage()), wait);
                sleep(method, wait);
                pause = pause.multipliedBy(2);
            }
        }
    }

    /** How long to wait before trying again, or null when trying again at once cannot help. */
    private static Duration waitBeforeRetry(TelegramApiException e, Duration networkPause) {
        int code = errorCode(e);
        if (code == 429) {
            var request = (TelegramApiRequestException) e;
            Integer retryAfter = request.getParameters() == null ? null : request.getParameters().getRetryAfter();
            return Duration.ofSeconds(retryAfter == null ? 1 : Math.max(0, retryAfter));
        }
        if (code > 0) {
            return code >= 500 ? networkPause : null;
        }
        // No answer from Telegram (or one that was not JSON, as from a proxy): the network failed.
        return hasCause(e, IOException.class) ? networkPause : null;
    }

    /**
     * Whether the same call may work later. A 4xx answer concerns the call itself (a bad request, a user who
     * blocked the bot, a chat that is gone, a file too large) and stays as it is, except three that concern
     * the bot or the moment: 401 (the token), 404 (the Bot API's address) and 429 (the pace).
     */
    private static boolean unreachable(TelegramApiException e) {
        int code = errorCode(e);
        if (code > 0) {
            boolean aboutTheCall = code >= 400 && code < 500 && code != 401 && code != 404 && code != 429;
            return !aboutTheCall;
        }
        return hasCause(e, IOException.class) || hasCause(e, InterruptedException.class);
    }

    private static int errorCode(TelegramApiException e) {
        return e instanceof TelegramApiRequestException request && request.getErrorCode() != null
                ? request.getErrorCode() : 0;
    }

    private void sleep(String method, Duration wait) {
        try {
            pacer.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(method, "while waiting to retry");
        }
    }

    private static TelegramCallException interrupted(String method, String when) {
        return new TelegramCallException(method, 0, true, method + " interrupted " + when, null);
    }

    private TelegramCallException failure(String method, TelegramApiException e, String what) {
        return new TelegramCallException(method, errorCode(e), unreachable(e),
                method + " " + what + ": " + redaction.scrub(e.getMessage()), redaction.scrub(e.getCause()));
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
