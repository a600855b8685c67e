package dev.kisscam.app.metrics;

import dev.kisscam.core.domain.Spend;
import dev.kisscam.core.service.Kisscam;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;

/**
 * What the provider account was charged today and this month (UTC), as the core's spend ledger books it, the
 * daily budget and whether it is reached, and the spend an operator wants to be alerted at.
 */
public final class SpendMeters implements MeterBinder {
    private final Kisscam kisscam;
    private final long dailyLimitTicks;
    private final BigDecimal alertUsd;

    public SpendMeters(Kisscam kisscam, long dailyLimitTicks, BigDecimal alertUsd) {
        this.kisscam = kisscam;
        this.dailyLimitTicks = dailyLimitTicks;
        this.alertUsd = alertUsd;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("kisscam_spend_today_usd", kisscam, k -> usd(k.spentToday()))
                .description("what the provider charged today (UTC), as booked in the spend ledger").register(registry);
        Gauge.builder("kisscam_spend_month_usd", kisscam, k -> usd(k.spentThisMonth()))
                .description("what the provider charged this month (UTC)").register(registry);
        Gauge.builder("kisscam_daily_budget_reached", kisscam, k -> k.budgetReached() ? 1 : 0)
                .description("1 while new jobs are refused because the daily budget is spent").register(registry);
        Gauge.builder("kisscam_daily_spend_limit_usd", () -> usd(dailyLimitTicks))
                .description("the daily budget (DAILY_SPEND_LIMIT_USD); 0 for none").register(registry);
        Gauge.builder("kisscam_spend_alert_usd", alertUsd::doubleValue)
                .description("the day's spend the spend alert fires above (SPEND_ALERT_USD); 0 for none")
                .register(registry);
    }

    static double usd(long ticks) {
        return (double) ticks / Spend.TICKS_PER_USD;
    }
}
