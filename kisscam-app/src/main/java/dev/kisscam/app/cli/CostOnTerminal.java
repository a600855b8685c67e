package dev.kisscam.app.cli;

import dev.kisscam.core.domain.GenerationTicket;
import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.port.out.GenerationRequest;
import dev.kisscam.core.port.out.GenerationStatus;
import dev.kisscam.core.port.out.MediaReader;
import dev.kisscam.core.port.out.PollingPolicy;
import dev.kisscam.core.port.out.VideoGenerator;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The command line's user pays for each run, so the terminal says what a generation will cost before it is
 * submitted (the provider's price list) and what the provider says it cost once it is done.
 */
final class CostOnTerminal implements VideoGenerator {
    private final VideoGenerator delegate;
    private final PrintStream terminal;

    CostOnTerminal(VideoGenerator delegate, PrintStream terminal) {
        this.delegate = delegate;
        this.terminal = terminal;
    }

    @Override
    public GenerationTicket submit(GenerationRequest request, MediaReader media) {
        delegate.estimate(request).ifPresent(estimate ->
                terminal.println("Estimated cost: " + dollars(estimate) + " (" + estimate.model() + ", price list)"));
        return delegate.submit(request, media);
    }

    @Override
    public GenerationStatus poll(GenerationTicket ticket) {
        GenerationStatus status = delegate.poll(ticket);
        Optional<Spend> spend = switch (status) {
            case GenerationStatus.Ready ready -> Optional.of(ready.spend());
            case GenerationStatus.Blocked blocked -> Optional.of(blocked.spend());
            case GenerationStatus.Failed failed -> Optional.of(failed.spend());
            case GenerationStatus.Pending pending -> Optional.empty();
        };
        spend.filter(paid -> paid.usdTicks() > 0).ifPresent(paid ->
                terminal.println(System.lineSeparator() + "Cost: " + dollars(paid) + " (" + paid.model() + ")"));
        return status;
    }

    @Override
    public InputStream openVideo(GenerationStatus.Ready ready) {
        return delegate.openVideo(ready);
    }

    @Override
    public PollingPolicy pollingPolicy() {
        return delegate.pollingPolicy();
    }

    @Override
    public Optional<Spend> estimate(GenerationRequest request) {
        return delegate.estimate(request);
    }

    static String dollars(Spend spend) {
        return "$" + spend.usd().setScale(3, RoundingMode.HALF_UP).toPlainString();
    }
}
