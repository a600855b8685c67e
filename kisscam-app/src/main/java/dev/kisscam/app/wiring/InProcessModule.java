package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import dev.kisscam.app.bot.Leadership;

/**
 * One instance that shares nothing with others: it polls Telegram itself, and the core's generation slots, xAI's
 * pace and the people-count cache stay the process's own (the modules that use them fall back to those).
 */
final class InProcessModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(Leadership.class).toInstance(Leadership.ALONE);
    }
}
