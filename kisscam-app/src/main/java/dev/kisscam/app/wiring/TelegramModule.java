package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.adapter.telegram.TelegramFrontend;
import dev.kisscam.core.port.out.Delivery;

/** The Telegram frontend, taking updates by long polling or by webhook as TELEGRAM_MODE says. */
final class TelegramModule extends AbstractModule {
    private final TelegramConfig config;

    TelegramModule(TelegramConfig config) {
        this.config = config;
    }

    @Provides
    @Singleton
    TelegramFrontend frontend() {
        return TelegramFrontend.create(config);
    }

    @Provides
    @Singleton
    Delivery delivery(TelegramFrontend frontend) {
        return frontend.delivery();
    }
}
