package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.adapter.telegram.CorePorts;
import dev.kisscam.adapter.telegram.TelegramAdapters;
import dev.kisscam.adapter.telegram.TelegramUpdates;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.service.Kisscam;

/**
 * The Telegram bot: its delivery, which the core is built with, and its updates, which are built from the
 * core; taking updates by long polling or by webhook as TELEGRAM_MODE says.
 */
final class TelegramModule extends AbstractModule {
    private final TelegramConfig config;

    TelegramModule(TelegramConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    TelegramAdapters telegram() {
        return TelegramAdapters.create(config);
    }

    @Provides
    @Singleton
    Delivery delivery(TelegramAdapters telegram) {
        return telegram.delivery();
    }

    @Provides
    @Singleton
    TelegramUpdates updates(TelegramAdapters telegram, Kisscam core) {
        return telegram.updates(new CorePorts(core.intake(), core.control(), core.usage(), core.consent()));
    }
}
