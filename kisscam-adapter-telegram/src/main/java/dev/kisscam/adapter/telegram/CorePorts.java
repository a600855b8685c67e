package dev.kisscam.adapter.telegram;

import dev.kisscam.core.port.in.Consent;
import dev.kisscam.core.port.in.JobControl;
import dev.kisscam.core.port.in.PhotoIntake;
import dev.kisscam.core.port.in.Usage;
import java.util.Objects;

/** The core's in-ports the bot calls. */
public record CorePorts(PhotoIntake intake, JobControl control, Usage usage, Consent consent) {
    public CorePorts {
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(consent, "consent");
    }
}
