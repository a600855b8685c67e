package dev.kisscam.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import dev.kisscam.adapter.grok.GrokAdapters;
import dev.kisscam.adapter.sql.SqlConfig;
import dev.kisscam.adapter.sql.SqlStores;
import dev.kisscam.adapter.grok.Pace;
import dev.kisscam.adapter.redis.RedisAdapters;
import dev.kisscam.adapter.telegram.AlbumStore;
import dev.kisscam.adapter.telegram.KeptPhotoStore;
import dev.kisscam.adapter.telegram.ChatOrder;
import dev.kisscam.adapter.storage.FileSystemMediaStore;
import dev.kisscam.adapter.telegram.TelegramAdapters;
import dev.kisscam.adapter.telegram.TelegramUpdates;
import dev.kisscam.app.bot.BotLifecycle;
import dev.kisscam.app.bot.Leadership;
import dev.kisscam.app.config.AppConfig;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.app.http.HealthCheck;
import dev.kisscam.core.domain.JobState;
import dev.kisscam.core.domain.RequesterId;
import dev.kisscam.core.port.out.ConsentStore;
import dev.kisscam.app.provider.RememberedCounts;
import dev.kisscam.core.port.out.Delivery;
import dev.kisscam.core.port.out.GenerationSlots;
import dev.kisscam.core.port.out.JobStore;
import dev.kisscam.core.port.out.JobStoreException;
import dev.kisscam.core.port.out.MediaStore;
import dev.kisscam.core.port.out.MediaStoreException;
import dev.kisscam.core.port.out.PeopleDetector;
import dev.kisscam.core.service.Kisscam;
import dev.kisscam.core.testing.RecordingDelivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One injector per configuration variant: it builds without I/O, and it builds the adapters the variant names. */
class ModulesTest {
    private static final String TOKEN = "123456:ABCdefGhIJKlmnoPQRstuVWXyz-123_456";
    private static final String S3_SECRET = "s3-secret-key-never-shown";

    @TempDir
    Path storage;

    private Map<String, String> env(String... pairs) {
        var env = new HashMap<String, String>();
        env.put("TELEGRAM_BOT_TOKEN", TOKEN);
        env.put("GROK_API_KEY", "xai-key-for-wiring-tests");
        env.put("STORAGE_PATH", storage.toString());
        env.put("TELEGRAM_API_URL", "http://127.0.0.1:1");
        env.put("GROK_API_URL", "http://127.0.0.1:1/v1");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static AppConfig config(Map<String, String> env, ConfigLoader.Purpose purpose) {
        var loaded = ConfigLoader.load(env, purpose);
        assertThat(loaded).as("valid configuration").isInstanceOf(ConfigLoader.Valid.class);
        return ((ConfigLoader.Valid) loaded).config();
    }

    private Injector botInjector(Map<String, String> env) throws IOException {
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.bot(config(env, ConfigLoader.Purpose.BOT)));
        try (Stream<Path> created = Files.list(storage)) {
            assertThat(created).as("building the injector touches no files").isEmpty();
        }
        return injector;
    }

    @Test
    void local_storage_with_long_polling() throws IOException {
        Injector injector = botInjector(env());

        assertThat(injector.getInstance(MediaStore.class)).isInstanceOf(FileSystemMediaStore.class);
        assertThat(injector.getInstance(JobStore.class)).isSameAs(injector.getInstance(SqlStores.class).jobs());
        assertThat(storage.resolve("kisscam.db")).as("SQLite under STORAGE_PATH by default").isRegularFile();
        assertThat(injector.getInstance(Delivery.class))
                .isSameAs(injector.getInstance(TelegramAdapters.class).delivery());
        assertThat(injector.getInstance(TelegramUpdates.class)).as("made once")
                .isSameAs(injector.getInstance(TelegramUpdates.class));
        assertThat(injector.getInstance(BotLifecycle.class)).isNotNull();
        assertThat(injector.getInstance(Kisscam.class)).isSameAs(injector.getInstance(Kisscam.class));
        assertThat(storage.resolve("media")).isDirectory();
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void a_storage_path_of_release_0_1_is_imported_when_the_records_are_first_asked_for() throws IOException {
        // A job and a consent as release 0.1's file stores wrote them.
        Path active = Files.createDirectories(storage.resolve("jobs/active"));
        Files.writeString(active.resolve("job-generating.json"), """
                {"format":4,"id":"job-generating","sequence":1,"requester":{"id":"telegram:101","replyTo":"chat-1",\
                "locale":"ru"},"photos":[{"key":"photo-1","format":"JPEG","width":1280,"height":960,"sizeBytes":123456,\
                "sha256":null,"people":[{"left":0.1,"top":0.2,"width":0.3,"height":0.4}]}],"state":{"type":"generating",\
                "ticket":"ticket-generating","attempt":1,"submittedAt":"2026-11-30T09:00:00Z"},\
                "createdAt":"2026-11-30T09:00:00Z","updatedAt":"2026-11-30T09:00:01Z","spends":[],\
                "direction":{"style":"gentle","wish":null}}""");
        Path consent = Files.createDirectories(storage.resolve("consent"));
        Files.writeString(consent.resolve("2afc7e260cb9d041e3194b6879bd1070b1a5895d49a136f150612eaaeab44236.json"),
                "{\"requester\":\"telegram:101\",\"consentedAt\":\"2026-11-30T09:00:00Z\"}");
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.bot(config(env(), ConfigLoader.Purpose.BOT)));
        assertThat(active.resolve("job-generating.json")).as("building the injector imports nothing").exists();

        JobStore jobs = injector.getInstance(JobStore.class);

        assertThat(jobs.unfinished()).singleElement().satisfies(job -> assertThat(job.state())
                .isInstanceOf(JobState.Generating.class));
        assertThat(injector.getInstance(ConsentStore.class)
                .hasConsented(new RequesterId("telegram:101"))).isTrue();
        assertThat(storage.resolve("jobs")).doesNotExist();
        try (Stream<Path> entries = Files.list(storage)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("jobs.imported-")).anyMatch(name -> name.startsWith("consent.imported-"));
        }
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void local_storage_with_a_webhook() throws IOException {
        Injector injector = botInjector(env("TELEGRAM_MODE", "webhook",
                "TELEGRAM_WEBHOOK_URL", "https://bot.example.org/hook/kisscam", "TELEGRAM_WEBHOOK_SECRET", "hook-secret_1"));

        TelegramUpdates updates = injector.getInstance(TelegramUpdates.class);
        assertThat(updates.webhookHandler()).as("webhook mode has a webhook handler").isNotNull();
        assertThat(injector.getInstance(BotLifecycle.class)).isNotNull();
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void long_polling_has_no_webhook_handler() throws IOException {
        Injector injector = botInjector(env());

        assertThatThrownBy(() -> injector.getInstance(TelegramUpdates.class).webhookHandler())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void s3_media_connects_only_when_asked_and_names_the_endpoint_not_the_key() throws IOException {
        int closed = closedPort();
        Injector injector = botInjector(env("STORAGE_BACKEND", "s3", "S3_ENDPOINT", "http://127.0.0.1:" + closed,
                "S3_BUCKET", "kisscam-media", "S3_ACCESS_KEY", "access-key-id", "S3_SECRET_KEY", S3_SECRET));

        assertThat(injector.getInstance(JobStore.class)).isSameAs(injector.getInstance(SqlStores.class).jobs());
        assertThat(storage.resolve("kisscam.db")).isRegularFile();
        assertThatThrownBy(() -> injector.getInstance(MediaStore.class))
                .isInstanceOf(ProvisionException.class)
                .cause().isInstanceOf(MediaStoreException.class)
                .hasMessageContaining("127.0.0.1:" + closed)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(S3_SECRET));
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void the_command_line_uses_the_terminal_and_a_private_directory() throws IOException {
        var terminal = new RecordingDelivery();
        Path work = storage.resolve("cli-work");
        AppConfig config = config(env("TELEGRAM_BOT_TOKEN", ""), ConfigLoader.Purpose.COMMAND_LINE);
        Injector injector = Guice.createInjector(Stage.DEVELOPMENT, Modules.commandLine(config, terminal, work, UnaryOperator.identity()));

        assertThat(injector.getInstance(Delivery.class)).isSameAs(terminal);
        assertThat(((FileSystemMediaStore) injector.getInstance(MediaStore.class)).location()).contains("cli-work");
        assertThat(injector.getInstance(SqlStores.class).location()).isEqualTo("sqlite:" + work.resolve("kisscam.db"));
        assertThat(injector.getInstance(Kisscam.class)).isNotNull();
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void the_provider_and_telegram_modules_add_health_checks_that_know_no_adapter_type() throws IOException {
        Injector injector = botInjector(env());

        Set<HealthCheck> checks = injector.getInstance(Key.get(new TypeLiteral<Set<HealthCheck>>() { }));

        assertThat(checks).extracting(HealthCheck::name).containsExactlyInAnyOrder("provider", "telegram");
        assertThat(checks).filteredOn(check -> check.name().equals("telegram"))
                .singleElement().satisfies(check -> assertThat(check.check().up()).as("no call has failed").isTrue());
        assertThat(checks).filteredOn(check -> check.name().equals("provider")).singleElement().satisfies(check -> {
            HealthCheck.Status status = check.check();
            assertThat(status.up()).isTrue();
            assertThat(status.details()).containsOnlyKeys("vision", "video", "video-download");
            assertThat(status.details().get("video")).isEqualTo(Map.of("circuit", "closed", "failureRatePercent", -1.0f));
        });
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void what_the_modules_registered_is_closed_by_the_lifecycle_after_the_core_the_last_made_first() throws IOException {
        Injector injector = botInjector(env());
        Closeables closeables = injector.getInstance(Closeables.class);
        var closed = new ArrayList<String>();
        closeables.register(() -> closed.add("made before the bot"));
        BotLifecycle lifecycle = injector.getInstance(BotLifecycle.class);
        closeables.register(() -> closed.add("made after the bot"));

        assertThat(closeables.open()).contains(injector.getInstance(GrokAdapters.class),
                injector.getInstance(StorageUpkeep.class), injector.getInstance(SqlStores.class));
        assertThatThrownBy(() -> SqlStores.open(SqlConfig.under(storage), java.time.Clock.systemUTC()))
                .as("the bot's database is its own").isInstanceOf(JobStoreException.class);

        lifecycle.stop();

        assertThat(closed).containsExactly("made after the bot", "made before the bot");
        assertThat(closeables.open()).isEmpty();
        SqlStores.open(SqlConfig.under(storage), java.time.Clock.systemUTC()).close();
    }

    @Test
    void each_provider_is_one_case_and_one_module() {
        var config = config(env(), ConfigLoader.Purpose.BOT);

        assertThat(Modules.provider(config.provider(), Duration.ZERO, UnaryOperator.identity())).isInstanceOf(GrokModule.class);
    }

    @Test
    void one_instance_alone_leads_at_once_and_keeps_its_slots_pace_and_counts_to_itself() throws IOException {
        Injector injector = botInjector(env());

        assertThat(injector.getInstance(Leadership.class)).isSameAs(Leadership.ALONE);
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<GenerationSlots>>() { }))).isEmpty();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<Pace.Source>>() { }))).isEmpty();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<RememberedCounts>>() { }))).isEmpty();
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void with_redis_the_slots_pace_lead_and_counts_are_shared_and_redis_is_reached_only_when_used() throws IOException {
        int closed = closedPort();
        Injector injector = botInjector(env("REDIS_URL", "redis://:redis-password-never-shown@127.0.0.1:" + closed + "/4"));

        assertThat(injector.getInstance(Kisscam.class)).isNotNull();
        assertThat(injector.getInstance(BotLifecycle.class)).isNotNull();
        assertThat(injector.getInstance(PeopleDetector.class)).isNotNull();
        assertThat(injector.getInstance(Leadership.class)).isNotSameAs(Leadership.ALONE);
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<Pace.Source>>() { }))).isPresent();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<RememberedCounts>>() { }))).isPresent();
        assertThat(injector.getInstance(Key.get(new TypeLiteral<Optional<GenerationSlots>>() { }))).isPresent();
        assertThat(injector.getInstance(Closeables.class).open()).hasAtLeastOneElementOfType(RedisAdapters.class);

        HealthCheck redis = injector.getInstance(Key.get(new TypeLiteral<Set<HealthCheck>>() { })).stream()
                .filter(check -> check.name().equals("redis")).findFirst().orElseThrow();
        HealthCheck.Status status = redis.check();
        assertThat(status.up()).as("nothing listens there").isFalse();
        assertThat(status.details().toString()).contains("127.0.0.1:" + closed + "/4")
                .doesNotContain("redis-password-never-shown");
        injector.getInstance(Closeables.class).close();
    }

    @Test
    void behind_one_webhook_each_chats_order_the_albums_and_the_kept_photos_are_shared_through_redis() throws IOException {
        Injector alone = botInjector(env());
        assertThat(alone.getInstance(ChatOrder.class)).isSameAs(ChatOrder.IN_PROCESS);
        assertThat(alone.getInstance(AlbumStore.class)).isSameAs(alone.getInstance(AlbumStore.class));
        assertThat(alone.getInstance(Key.get(new TypeLiteral<Optional<KeptPhotoStore>>() { })))
                .as("photos are kept in this process's memory").isEmpty();
        alone.getInstance(Closeables.class).close();

        Injector shared = botInjector(env("REDIS_URL", "redis://127.0.0.1:" + closedPort()));
        assertThat(shared.getInstance(ChatOrder.class)).isNotSameAs(ChatOrder.IN_PROCESS);
        // Redis is not there: an album item is kept in this process, and the album is found there.
        AlbumStore albums = shared.getInstance(AlbumStore.class);
        albums.add(1, "album", "item", Duration.ZERO);
        assertThat(albums.claim(1, "album")).isEqualTo(new AlbumStore.Claim.Taken(List.of("item")));
        // ... and so is a photo to keep, found there too.
        KeptPhotoStore kept = shared.getInstance(Key.get(new TypeLiteral<Optional<KeptPhotoStore>>() { }))
                .orElseThrow();
        assertThat(kept.keep("consent", "telegram:1", "batch", 1, 4, Duration.ofMinutes(1))).isTrue();
        assertThat(kept.requesters("consent")).containsExactly("telegram:1");
        assertThat(kept.take("consent", "telegram:1")).containsExactly("batch");
        // ... and an update is handled where it arrived, not dropped.
        var handled = new CopyOnWriteArrayList<String>();
        try (ChatOrder.Queue queue = shared.getInstance(ChatOrder.class).start((chatId, update) -> {
            handled.add(chatId + ":" + update);
            return CompletableFuture.completedFuture(null);
        })) {
            queue.offer(7, 1, "{}");
        }
        assertThat(handled).containsExactly("7:{}");
        shared.getInstance(Closeables.class).close();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
