package dev.kisscam.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.multibindings.ProvidesIntoSet;
import dev.kisscam.adapter.telegram.AlbumStore;
import dev.kisscam.adapter.telegram.ChatOrder;
import dev.kisscam.adapter.telegram.CorePorts;
import dev.kisscam.adapter.telegram.KeptPhotoStore;
import dev.kisscam.adapter.telegram.StyleLabels;
import dev.kisscam.adapter.telegram.TelegramAdapters;
import dev.kisscam.adapter.telegram.TelegramConfig;
import dev.kisscam.adapter.telegram.TelegramReachability;
import dev.kisscam.adapter.telegram.TelegramUpdates;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.core.domain.VideoStyle;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.service.Kisscam;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Telegram bot: its delivery, which the core is built with, and its updates, which are built from the
 * core; taking updates by long polling or by webhook as TELEGRAM_MODE says. It offers the core's styles as
 * buttons, labelled by the operator's labels where there are any and by the bot's own texts otherwise.
 */
final class TelegramModule extends AbstractModule {
    private final TelegramConfig config;
    private final StyleLabels styles;

    /**
     * @param styles         the core's styles, its default first ({@code KisscamSettings.styles()})
     * @param operatorLabels the operator's labels by style and language code, over the bot's own texts
     */
    TelegramModule(TelegramConfig config, List<VideoStyle> styles, Map<VideoStyle, Map<String, String>> operatorLabels) {
        this.config = config;
        this.styles = new StyleLabels(styles, operatorLabels);
    }

    /**
     * Each chat's order, the albums being gathered and the photos kept until they may go on stay in this process
     * unless a shared module says otherwise.
     */
    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), ChatOrder.class).setDefault().toInstance(ChatOrder.IN_PROCESS);
        OptionalBinder.newOptionalBinder(binder(), AlbumStore.class).setDefault().toProvider(AlbumStore::inProcess)
                .in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), KeptPhotoStore.class);
    }

    @Provides
    @Singleton
    TelegramAdapters telegram() {
        return TelegramAdapters.create(config, styles);
    }

    @Provides
    @Singleton
    Delivery delivery(TelegramAdapters telegram) {
        return telegram.delivery();
    }

    @Provides
    @Singleton
    TelegramUpdates updates(TelegramAdapters telegram, Kisscam core, ChatOrder order, AlbumStore albums,
            Optional<KeptPhotoStore> keptPhotos) {
        return telegram.updates(new CorePorts(core.intake(), core.control(), core.usage(), core.consent()), order,
                albums, keptPhotos);
    }

    /** Down while Telegram does not answer: the bot then can neither take updates nor send anything. */
    @ProvidesIntoSet
    @Singleton
    HealthCheck telegramHealth(TelegramAdapters telegram) {
        TelegramReachability reachability = telegram.reachability();
        return new HealthCheck() {
            @Override
            public String name() {
                return "telegram";
            }

            @Override
            public Status check() {
                return reachability.outage().map(Status::down).orElseGet(() -> Status.up(Map.of()));
            }
        };
    }
}
