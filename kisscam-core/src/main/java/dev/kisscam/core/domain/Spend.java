package dev.kisscam.core.domain;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one provider call cost, in the provider's ticks of 1e-10 USD (xAI's {@code cost_in_usd_ticks}),
 * kept per model so an operator can see where the money went.
 */
public record Spend(String model, long usdTicks) {
    public static final long TICKS_PER_USD = 10_000_000_000L;

    public Spend {
        Objects.requireNonNull(model, "model");
        if (usdTicks < 0) {
            throw new IllegalArgumentException("spend cannot be negative");
        }
    }

    public static Spend none(String model) {
        return new Spend(model, 0);
    }

    public BigDecimal usd() {
        return BigDecimal.valueOf(usdTicks).divide(BigDecimal.valueOf(TICKS_PER_USD));
    }
}
