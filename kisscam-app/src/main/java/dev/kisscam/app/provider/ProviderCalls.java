package dev.kisscam.app.provider;

import dev.kisscam.core.port.out.PeopleDetectionException;
import dev.kisscam.core.port.out.ProviderFault;
import dev.kisscam.core.port.out.VideoGenerationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Counts and times the calls made to a paid provider, so an operator sees how often each kind of call fails
 * and how long it takes.
 *
 * <ul>
 *   <li>{@value #CALLS} (counter), tags {@code operation} and {@code status}.
 *   <li>{@value #DURATION} (timer), tag {@code operation}.
 * </ul>
 *
 * {@code operation} is {@code detect}, {@code submit}, {@code poll} or {@code download}. {@code status} is
 * one of a fixed set: {@code ok} (a detection, submission or download that succeeded); for a poll, what it
 * found: {@code pending}, {@code ready}, {@code blocked} or {@code failed}; {@code abandoned} (a download
 * closed before its end, as when the media store failed while writing it); the {@link ProviderFault} in
 * lower case ({@code unavailable}, {@code access_denied}, {@code submission_unconfirmed},
 * {@code invalid_response}, {@code rejected_input}) when the adapter named one; {@code error} for any other
 * failure.
 */
final class ProviderCalls {
    static final String CALLS = "kisscam_provider_calls";
    static final String DURATION = "kisscam_provider_call_duration";

    private final MeterRegistry registry;

    ProviderCalls(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One call under way; {@link #end} or {@link #failed} it once. */
    final class Call {
        private final String operation;
        private final Timer.Sample sample;

        private Call(String operation) {
            this.operation = operation;
            this.sample = Timer.start(registry);
        }

        void end(String status) {
            Counter.builder(CALLS).description("calls to the paid providers, by outcome")
                    .tag("operation", operation).tag("status", status)
                    .register(registry).increment();
            sample.stop(Timer.builder(DURATION).description("how long calls to the paid providers took")
                    .tag("operation", operation)
                    .register(registry));
        }

        void failed(Throwable failure) {
            end(statusOf(failure));
        }
    }

    Call start(String operation) {
        return new Call(operation);
    }

    /** Runs {@code call}, counting it with the status its result maps to; failures are rethrown unchanged. */
    <T> T measure(String operation, Supplier<T> call, Function<? super T, String> status) {
        Call measured = start(operation);
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            measured.failed(e);
            throw e;
        }
        measured.end(status.apply(result));
        return result;
    }

    static String statusOf(Throwable failure) {
        ProviderFault fault = switch (failure) {
            case VideoGenerationException e -> e.fault();
            case PeopleDetectionException e -> e.fault();
            default -> null;
        };
        return fault == null ? "error" : fault.name().toLowerCase(Locale.ROOT);
    }
}
