package dev.kisscam.adapter.grok;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kisscam.core.domain.Spend;

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
        JsonNode ticks = answer.path("usage").path("cost_in_usd_ticks");
        if (ticks.isIntegralNumber() && ticks.canConvertToLong() && ticks.longValue() >= 0) {
            return new Spend(model, ticks.longValue());
        }
        LOG.log(System.Logger.Level.WARNING, "xAI {0} answered without a readable usage.cost_in_usd_ticks ({1}); "
                + "booked as 0", endpoint.label(), ticks.isMissingNode() ? "missing" : ticks.toString());
        return Spend.none(model);
    }
}
