package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.domain.Spend;
import java.util.OptionalLong;

/**
 * What an answer says it cost ({@code usage.cost_in_usd_ticks}), booked under the configured model name so
 * an operator's totals group the way the configuration does. Cost is bookkeeping: an answer without a
 * readable cost still counts, booked as zero and logged.
 */
final class Cost {
    private static final System.Logger LOG = System.getLogger(Cost.class.getName());

    private Cost() {
    }

    static Spend of(JsonNode answer, String model, Endpoint endpoint) {
        OptionalLong ticks = reported(answer);
        if (ticks.isPresent()) {
            return new Spend(model, ticks.getAsLong());
        }
        JsonNode usage = answer.path("usage").path("cost_in_usd_ticks");
        LOG.log(System.Logger.Level.WARNING, "xAI {0} answered without a readable usage.cost_in_usd_ticks ({1}); "
                + "booked as 0", endpoint.label(), usage.isMissingNode() ? "missing" : usage.toString());
        return Spend.none(model);
    }

    /** The ticks the answer says it cost, when it says so readably. */
    static OptionalLong reported(JsonNode answer) {
        JsonNode ticks = answer.path("usage").path("cost_in_usd_ticks");
        return ticks.isIntegralNumber() && ticks.canConvertToLong() && ticks.longValue() >= 0
                ? OptionalLong.of(ticks.longValue()) : OptionalLong.empty();
    }
}
