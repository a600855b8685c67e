package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.adapter.telegram.TelegramFrontend;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.core.port.out.Delivery;
import java.util.Optional;

/** The Telegram frontend, taking updates by long polling or by webhook as TELEGRAM_MODE says. */
final class TelegramModule extends AbstractModule {
    private final TelegramConfig config;

    TelegramModule(AppConfig.Telegram telegram) {
        String token = telegram.token().value();
        Optional<String> secret = telegram.webhookSecret().map(s -> s.value());
        TelegramConfig base = switch (telegram.mode()) {
            case POLLING -> TelegramConfig.longPolling(token);
            case WEBHOOK -> TelegramConfig.webhook(token, secret.orElseThrow());
        };
        this.config = base.withApiUrl(telegram.apiUrl());
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
