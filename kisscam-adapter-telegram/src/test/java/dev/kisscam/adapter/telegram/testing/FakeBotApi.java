package dev.kisscam.adapter.telegram.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Bot API server on 127.0.0.1 for tests: enough of Telegram for a bot to run against it for real. It queues
 * updates for long polling ({@code getUpdates} honours offset and timeout), keeps files for {@code getFile} and
 * the download path, answers the methods a bot sends with plausible results, and records every call. It can
 * answer 429 with {@code retry_after} or 500, hold downloads or a method until a test lets them go, fail or
 * drop every call for a while as an outage does, and refuse a chat as a user who blocked the bot. Each test
 * user talks in a private chat whose id is the user's id, and may also write in a group.
 */
public final class FakeBotApi implements AutoCloseable {
    public static final String TOKEN = "4242:fake-bot-token_for-tests";
    private final java.util.concurrent.atomic.AtomicInteger unauthorized = new java.util.concurrent.atomic.AtomicInteger();

    /** A user of the fake Telegram; {@code languageCode} as Telegram sends it, or null. */
    public record User(long id, String languageCode) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Object monitor = new Object();
    private final List<ObjectNode> pendingUpdates = new ArrayList<>();
    private final List<BotApiCall> calls = new ArrayList<>();
    /** Guarded by {@link #monitor}: the HTTP status each answered call got, by identity. */
    private final Map<BotApiCall, Integer> answers = new IdentityHashMap<>();
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> rateLimited = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> heldMethods = new ConcurrentHashMap<>();
    private final Map<Long, ObjectNode> refusedChats = new ConcurrentHashMap<>();
    /** The bot's descriptions as set, by {@code description/<language>} and {@code short_description/<language>}. */
    private final Map<String, String> descriptions = new ConcurrentHashMap<>();
    private volatile Outage outage = new Outage(Instant.MIN, 0);
    /** Video file ids numbered up to this one are no longer known. */
    private volatile int forgottenBefore;
    private final AtomicInteger ids = new AtomicInteger(1000);
    private volatile CountDownLatch downloadGate = new CountDownLatch(0);
    private volatile int retryAfterSeconds = 1;
    private volatile boolean closed;
    private int nextUpdateId = 1;
    /** Guarded by {@link #monitor}: when the first getUpdates arrived, which {@link #calls()} leaves out. */
    private Instant firstGetUpdates;

    private record StoredFile(String fileId, String path, long declaredSize, byte[] bytes) {
    }

    /** Until {@code end}, calls get {@code status}; status 0 closes their connection without an answer. */
    private record Outage(Instant end, int status, boolean polls) {
        Outage(Instant end, int status) {
            this(end, status, false);
        }

        boolean now() {
            return Instant.now().isBefore(end);
        }
    }

    private FakeBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::route);
        server.start();
    }

    public static FakeBotApi start() throws IOException {
        return new FakeBotApi();
    }

    /** What to configure as TELEGRAM_API_URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    // ---- what users do -------------------------------------------------------------------------------

    public void sendText(User user, String text) {
        push(textUpdate(user, text));
    }

    /** A compressed photo: a small preview size and the full size, the last, which holds {@code image}. */
    public void sendPhoto(User user, byte[] image) {
        push(photoUpdate(user, user.id(), image, null));
    }

    /** A compressed photo with a caption, exactly as the user typed it. */
    public void sendPhoto(User user, byte[] image, String caption) {
        push(withCaption(photoUpdate(user, user.id(), image, null), caption));
    }

    /** One item of an album with a caption; Telegram puts an album's caption on one of its items. */
    public void sendAlbumPhoto(User user, byte[] image, String mediaGroupId, String caption) {
        push(withCaption(photoUpdate(user, user.id(), image, mediaGroupId), caption));
    }

    /** A compressed photo the user posts in another chat, such as a group (negative ids) the bot is in. */
    public void sendPhoto(User user, long chatId, byte[] image) {
        push(photoUpdate(user, chatId, image, null));
    }

    /** One item of an album; the items of one album share {@code mediaGroupId}. */
    public void sendAlbumPhoto(User user, byte[] image, String mediaGroupId) {
        push(photoUpdate(user, user.id(), image, mediaGroupId));
    }

    /** A file sent "as document", with whatever type and name the sender's app declared. */
    public void sendDocument(User user, byte[] content, String mimeType, String fileName) {
        String fileId = storeFile("documents", content, content.length);
        ObjectNode message = message(user);
        message.putObject("document").put("file_id", fileId).put("file_unique_id", "u" + fileId)
                .put("file_name", fileName).put("mime_type", mimeType).put("file_size", content.length);
        push(update(message));
    }

    /** A document that declares {@code size} bytes; its content is not stored, as nothing should fetch it. */
    public void sendLargeDocument(User user, long size, String mimeType) {
        String fileId = "big-" + ids.incrementAndGet();
        ObjectNode message = message(user);
        message.putObject("document").put("file_id", fileId).put("file_unique_id", "u" + fileId)
                .put("file_name", "huge.jpg").put("mime_type", mimeType).put("file_size", size);
        push(update(message));
    }

    public void sendSticker(User user) {
        ObjectNode message = message(user);
        message.putObject("sticker").put("file_id", "sticker-1").put("file_unique_id", "usticker-1")
                .put("type", "regular").put("width", 512).put("height", 512).put("is_animated", false)
                .put("is_video", false);
        push(update(message));
    }

    public void sendVoice(User user) {
        ObjectNode message = message(user);
        message.putObject("voice").put("file_id", "voice-1").put("file_unique_id", "uvoice-1").put("duration", 3);
        push(update(message));
    }

    /** Presses an inline button of the bot's message {@code messageId}. */
    public void pressButton(User user, int messageId, String callbackData) {
        push(callbackUpdate(user, messageId, callbackData));
    }

    // ---- updates as JSON, for a webhook ------------------------------------------------------------------

    /** An update with a text message, as Telegram would POST it to a webhook. */
    public String textUpdateJson(User user, String text) {
        return textUpdate(user, text).toString();
    }

    /**
     * A compressed photo, or with a {@code mediaGroupId} one item of an album, as Telegram would POST it to a
     * webhook: numbered as the next update, so the items of one album can be sent to different instances.
     */
    public String photoUpdateJson(User user, byte[] image, String mediaGroupId) {
        ObjectNode update = photoUpdate(user, user.id(), image, mediaGroupId);
        synchronized (monitor) {
            update.put("update_id", nextUpdateId++);
        }
        return update.toString();
    }

    /** A press of an inline button of the bot's message {@code messageId}, as Telegram would POST it to a webhook. */
    public String callbackUpdateJson(User user, int messageId, String callbackData) {
        ObjectNode update = callbackUpdate(user, messageId, callbackData);
        synchronized (monitor) {
            update.put("update_id", nextUpdateId++);
        }
        return update.toString();
    }

    // ---- faults ------------------------------------------------------------------------------------------

    /** The next {@code times} calls of {@code method} are answered 429 with {@code retry_after}. */
    public void rateLimitNext(String method, int times, int retryAfter) {
        this.retryAfterSeconds = retryAfter;
        rateLimited.computeIfAbsent(method, m -> new AtomicInteger()).addAndGet(times);
    }

    /** The next {@code times} calls of {@code method} are answered 500. */
    public void failNext(String method, int times) {
        serverErrors.computeIfAbsent(method, m -> new AtomicInteger()).addAndGet(times);
    }

    /**
     * The bot has this description for {@code languageCode} ("" for the default) already, as after an
     * earlier start.
     */
    public void describedAs(String languageCode, String description, String shortDescription) {
        descriptions.put("description/" + languageCode, description);
        descriptions.put("short_description/" + languageCode, shortDescription);
    }

    /**
     * Calls of {@code method} wait, after they are recorded, until {@link #release(String)}: a test sees what
     * a bot does while Telegram has not answered yet.
     */
    public void hold(String method) {
        heldMethods.put(method, new CountDownLatch(1));
    }

    public void release(String method) {
        CountDownLatch held = heldMethods.remove(method);
        if (held != null) {
            held.countDown();
        }
    }

    /** For {@code duration}, every call but getUpdates is answered {@code status} (502 as a gateway, say). */
    public void failFor(Duration duration, int status) {
        outage = new Outage(Instant.now().plus(duration), status);
    }

    /**
     * For {@code duration}, every call but getUpdates loses its connection without an answer, as when
     * Telegram cannot be reached. Long polling is left alone, so a test's updates still come in.
     */
    public void dropConnectionsFor(Duration duration) {
        outage = new Outage(Instant.now().plus(duration), 0);
    }

    /** For {@code duration}, every call, getUpdates included, is answered {@code status}: Telegram is gone. */
    public void goneFor(Duration duration, int status) {
        outage = new Outage(Instant.now().plus(duration), status, true);
    }

    /** From now on, calls about this user's private chat are answered 403, as Telegram does once blocked. */
    public void blockedBy(User user) {
        refusedChats.put(user.id(), error(403, "Forbidden: bot was blocked by the user"));
    }

    /** From now on, calls about this chat are answered 400, as for a chat that is gone. */
    public void chatNotFound(long chatId) {
        refusedChats.put(chatId, error(400, "Bad Request: chat not found"));
    }

    /** Telegram forgets the videos sent so far: sending one again by its file id is answered 400. */
    public void forgetFiles() {
        forgottenBefore = ids.get();
    }

    /** File downloads wait until {@link #releaseDownloads()}. */
    public void holdDownloads() {
        downloadGate = new CountDownLatch(1);
    }

    public void releaseDownloads() {
        downloadGate.countDown();
    }

    // ---- what the bot did --------------------------------------------------------------------------------

    /** Every call but getUpdates, in the order they came; downloads appear as method {@code download}. */
    /** Requests that carried a token other than {@link #TOKEN}, each answered 401 Unauthorized. */
    public int unauthorizedRequests() {
        return unauthorized.get();
    }

    public List<BotApiCall> calls() {
        synchronized (monitor) {
            return List.copyOf(calls);
        }
    }

    public List<BotApiCall> calls(String method) {
        return calls().stream().filter(c -> c.method().equals(method)).toList();
    }

    /** What a user's chat saw: messages, edits and videos, in order. */
    public List<BotApiCall> chat(User user) {
        return chat(user.id());
    }

    /** What a chat saw: messages, edits and videos, in order. */
    public List<BotApiCall> chat(long chatId) {
        return calls().stream().filter(c -> c.visible() && c.chatId() == chatId).toList();
    }

    /** Waits for a call that matches, and returns the first such. */
    public BotApiCall await(Predicate<BotApiCall> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (true) {
                for (BotApiCall call : calls) {
                    if (condition.test(call)) {
                        return call;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no such Bot API call within " + timeout + "; calls: " + calls);
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
        }
    }

    /**
     * Waits until {@code method} has been called {@code count} times and returns those calls. A call is
     * recorded when it arrives, before it is answered (a 429 included).
     */
    public List<BotApiCall> awaitCalls(String method, int count, Duration timeout) throws InterruptedException {
        await(c -> calls(method).size() >= count, timeout);
        return calls(method);
    }

    /**
     * The HTTP status the call was answered with (200 when Telegram took it), or 0 while it has no answer or
     * when its connection was dropped.
     */
    public int answeredWith(BotApiCall call) {
        synchronized (monitor) {
            return answers.getOrDefault(call, 0);
        }
    }

    /** Waits until a message or edit in the chat whose text contains {@code text} has been taken (answered 200). */
    public BotApiCall awaitShown(long chatId, String text, Duration timeout) throws InterruptedException {
        return await(c -> c.visible() && c.chatId() == chatId && c.text().contains(text) && answeredWith(c) == 200,
                timeout);
    }

    /** Waits until the user's chat shows a message or edit whose text contains {@code text}. */
    public BotApiCall awaitText(User user, String text, Duration timeout) throws InterruptedException {
        return await(c -> c.visible() && c.chatId() == user.id() && c.text().contains(text), timeout);
    }

    /**
     * When the bot's first getUpdates arrived, waiting up to {@code timeout} for it: a bot that long-polls is
     * ready for its users from then on. Empty if none came in time.
     */
    public Optional<Instant> awaitFirstGetUpdates(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (firstGetUpdates == null && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(monitor, left);
            }
            return Optional.ofNullable(firstGetUpdates);
        }
    }

    /** The bytes of a file the bot uploaded, e.g. the {@code video} of a sendVideo. */
    public byte[] uploaded(BotApiCall call, String field) {
        return call.files().get(field);
    }

    @Override
    public void close() {
        closed = true;
        synchronized (monitor) {
            monitor.notifyAll();
        }
        releaseDownloads();
        List.copyOf(heldMethods.keySet()).forEach(this::release);
        server.stop(0);
        threads.shutdownNow();
    }

    // ---- the server ----------------------------------------------------------------------------------------

    private void route(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String botPrefix = "/bot" + TOKEN + "/";
            String filePrefix = "/file/bot" + TOKEN + "/";
            if (path.startsWith(filePrefix)) {
                download(exchange, path.substring(filePrefix.length()));
            } else if (path.startsWith(botPrefix)) {
                method(exchange, path.substring(botPrefix.length()));
            } else if (path.startsWith("/bot")) {
                // What Telegram answers for a token it does not know, whatever the method.
                unauthorized.incrementAndGet();
                reply(exchange, 401, error(401, "Unauthorized"));
            } else {
                reply(exchange, 404, error(404, "Not Found"));
            }
        }
    }

    private static final List<String> METHODS = List.of("getMe", "deleteWebhook", "getUpdates", "setMyCommands",
            "sendMessage", "editMessageText", "sendChatAction", "sendVideo", "getFile", "answerCallbackQuery",
            "setWebhook", "setMyDescription", "setMyShortDescription", "getMyDescription", "getMyShortDescription");
    /** The Bot API's limits: a description of 0-512 characters, a short one of 0-120. */
    private static final int MAX_DESCRIPTION = 512;
    private static final int MAX_SHORT_DESCRIPTION = 120;

    private void method(HttpExchange exchange, String requested) throws IOException {
        // Telegram reads method names case-insensitively; TelegramBots' poller asks for "getupdates".
        String method = METHODS.stream().filter(requested::equalsIgnoreCase).findFirst().orElse(requested);
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        ObjectNode params;
        Map<String, byte[]> uploads = Map.of();
        if (contentType.startsWith("multipart/")) {
            Multipart.Parts parts = Multipart.parse(contentType, body);
            params = json.createObjectNode();
            parts.fields().forEach(params::put);
            uploads = resolveAttachments(params, parts.files());
        } else {
            params = body.length == 0 ? json.createObjectNode() : (ObjectNode) json.readTree(body);
        }
        if ("getUpdates".equals(method)) {
            Outage down = outage;
            if (down.polls() && down.now()) {
                reply(exchange, down.status(), error(down.status(), "Bad Gateway"));
                return;
            }
            reply(exchange, 200, ok(getUpdates(params)));
            return;
        }
        BotApiCall call = new BotApiCall(method, params, uploads);
        record(call);
        awaitRelease(method);
        Outage down = outage;
        if (down.now()) {
            if (down.status() == 0) {
                // Closing the exchange before any answer ends the connection: the client sees a network failure.
                return;
            }
            answer(call, exchange, down.status(), error(down.status(), down.status() == 502 ? "Bad Gateway" : "Server Error"));
            return;
        }
        ObjectNode refusal = refusedChats.get(params.path("chat_id").asLong(0));
        if (refusal != null) {
            answer(call, exchange, refusal.get("error_code").asInt(), refusal);
            return;
        }
        if (take(rateLimited, method)) {
            ObjectNode tooMany = error(429, "Too Many Requests: retry after " + retryAfterSeconds);
            tooMany.putObject("parameters").put("retry_after", retryAfterSeconds);
            answer(call, exchange, 429, tooMany);
            return;
        }
        if (take(serverErrors, method)) {
            answer(call, exchange, 500, error(500, "Internal Server Error"));
            return;
        }
        switch (method) {
            case "getMe" -> answer(call, exchange, 200, ok(json.createObjectNode().put("id", 4242).put("is_bot", true)
                    .put("first_name", "Kisscam").put("username", "kisscam_test_bot")));
            case "deleteWebhook", "setWebhook", "setMyCommands", "sendChatAction", "answerCallbackQuery" ->
                    answer(call, exchange, 200, ok(json.getNodeFactory().booleanNode(true)));
            case "sendMessage", "editMessageText" -> answer(call, exchange, 200, ok(sentMessage(params)));
            case "setMyDescription", "setMyShortDescription" -> {
                boolean isShort = method.equals("setMyShortDescription");
                String field = isShort ? "short_description" : "description";
                String text = params.path(field).asText("");
                String language = params.path("language_code").asText("");
                if (text.length() > (isShort ? MAX_SHORT_DESCRIPTION : MAX_DESCRIPTION)) {
                    answer(call, exchange, 400, error(400, "Bad Request: description is too long"));
                } else if (!language.isEmpty() && !language.matches("[a-z]{2}")) {
                    answer(call, exchange, 400, error(400, "Bad Request: invalid language code specified"));
                } else {
                    descriptions.put(field + "/" + language, text);
                    answer(call, exchange, 200, ok(json.getNodeFactory().booleanNode(true)));
                }
            }
            case "getMyDescription", "getMyShortDescription" -> {
                String field = method.equals("getMyShortDescription") ? "short_description" : "description";
                String language = params.path("language_code").asText("");
                answer(call, exchange, 200, ok(json.createObjectNode()
                        .put(field, descriptions.getOrDefault(field + "/" + language, ""))));
            }
            case "sendVideo" -> {
                if (forgotten(params.path("video").asText())) {
                    answer(call, exchange, 400, error(400, "Bad Request: wrong file identifier/HTTP URL specified"));
                    return;
                }
                ObjectNode sent = sentMessage(params);
                String fileId = params.path("video").asText().startsWith("video-")
                        ? params.path("video").asText() : "video-" + ids.incrementAndGet();
                sent.putObject("video").put("file_id", fileId).put("file_unique_id", "u" + fileId)
                        .put("width", 720).put("height", 1280).put("duration", 6);
                answer(call, exchange, 200, ok(sent));
            }
            case "getFile" -> {
                StoredFile file = files.get(params.path("file_id").asText());
                if (file == null) {
                    answer(call, exchange, 400, error(400, "Bad Request: invalid file_id"));
                } else {
                    answer(call, exchange, 200, ok(json.createObjectNode().put("file_id", file.fileId())
                            .put("file_unique_id", "u" + file.fileId()).put("file_size", file.declaredSize())
                            .put("file_path", file.path())));
                }
            }
            default -> answer(call, exchange, 404, error(404, "Not Found: method " + method));
        }
    }

    private Map<String, byte[]> resolveAttachments(ObjectNode params, Map<String, byte[]> parts) {
        Map<String, byte[]> resolved = new java.util.LinkedHashMap<>();
        params.properties().forEach(field -> {
            String value = field.getValue().asText();
            if (value.startsWith("attach://")) {
                resolved.put(field.getKey(), parts.get(value.substring("attach://".length())));
            }
        });
        return resolved;
    }

    private ArrayNode getUpdates(ObjectNode params) {
        long offset = params.path("offset").asLong(0);
        int limit = params.path("limit").asInt(100);
        long timeoutNanos = TimeUnit.SECONDS.toNanos(params.path("timeout").asLong(0));
        long deadline = System.nanoTime() + timeoutNanos;
        ArrayNode result = json.createArrayNode();
        synchronized (monitor) {
            if (firstGetUpdates == null) {
                firstGetUpdates = Instant.now();
                monitor.notifyAll();
            }
            // An offset confirms every update before it: Telegram forgets them.
            pendingUpdates.removeIf(u -> u.get("update_id").asLong() < offset);
            while (pendingUpdates.isEmpty() && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(monitor, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pendingUpdates.removeIf(u -> u.get("update_id").asLong() < offset);
            }
            pendingUpdates.stream().limit(limit).forEach(result::add);
        }
        return result;
    }

    private void download(HttpExchange exchange, String path) throws IOException {
        StoredFile file = files.values().stream().filter(f -> f.path().equals(path)).findFirst().orElse(null);
        record(new BotApiCall("download", json.createObjectNode().put("file_path", path), Map.of()));
        if (file == null) {
            reply(exchange, 404, error(404, "Not Found"));
            return;
        }
        try {
            downloadGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, file.bytes().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(file.bytes());
        }
    }

    private boolean forgotten(String video) {
        return video.startsWith("video-") && Integer.parseInt(video.substring("video-".length())) <= forgottenBefore;
    }

    private ObjectNode sentMessage(ObjectNode params) {
        ObjectNode message = json.createObjectNode();
        int messageId = params.has("message_id") ? params.get("message_id").asInt() : ids.incrementAndGet();
        message.put("message_id", messageId).put("date", System.currentTimeMillis() / 1000);
        message.putObject("chat").put("id", params.path("chat_id").asLong()).put("type", "private");
        if (params.has("text")) {
            message.put("text", params.get("text").asText());
        }
        if (params.has("caption")) {
            message.put("caption", params.get("caption").asText());
        }
        params.put("message_id", messageId);
        return message;
    }

    /** Notes what the call was answered with before the bot can see it, then answers. */
    private void answer(BotApiCall call, HttpExchange exchange, int status, JsonNode body) throws IOException {
        synchronized (monitor) {
            answers.put(call, status);
            monitor.notifyAll();
        }
        reply(exchange, status, body);
    }

    private void awaitRelease(String method) {
        CountDownLatch held = heldMethods.get(method);
        if (held == null) {
            return;
        }
        try {
            held.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(BotApiCall call) {
        synchronized (monitor) {
            calls.add(call);
            monitor.notifyAll();
        }
    }

    private static boolean take(Map<String, AtomicInteger> faults, String method) {
        AtomicInteger left = faults.get(method);
        return left != null && left.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private ObjectNode ok(JsonNode result) {
        ObjectNode answer = json.createObjectNode().put("ok", true);
        answer.set("result", result);
        return answer;
    }

    private ObjectNode error(int code, String description) {
        return json.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ---- building updates -------------------------------------------------------------------------------

    private void push(ObjectNode update) {
        synchronized (monitor) {
            update.put("update_id", nextUpdateId++);
            pendingUpdates.add(update);
            monitor.notifyAll();
        }
    }

    private ObjectNode textUpdate(User user, String text) {
        ObjectNode message = message(user).put("text", text);
        if (text.startsWith("/")) {
            int length = text.split("\\s", 2)[0].length();
            message.putArray("entities").addObject().put("type", "bot_command").put("offset", 0).put("length", length);
        }
        return update(message);
    }

    private ObjectNode photoUpdate(User user, long chatId, byte[] image, String mediaGroupId) {
        String fileId = storeFile("photos", image, image.length);
        ObjectNode message = message(user, chatId);
        ArrayNode sizes = message.putArray("photo");
        // The preview's file is not stored: a bot that fetches it instead of the largest size fails.
        sizes.addObject().put("file_id", fileId + "-preview").put("file_unique_id", "up" + fileId)
                .put("width", 90).put("height", 68).put("file_size", 1200);
        sizes.addObject().put("file_id", fileId).put("file_unique_id", "u" + fileId)
                .put("width", 1280).put("height", 960).put("file_size", image.length);
        if (mediaGroupId != null) {
            message.put("media_group_id", mediaGroupId);
        }
        return update(message);
    }

    private static ObjectNode withCaption(ObjectNode update, String caption) {
        ((ObjectNode) update.get("message")).put("caption", caption);
        return update;
    }

    private ObjectNode callbackUpdate(User user, int messageId, String data) {
        ObjectNode query = json.createObjectNode().put("id", "cb-" + ids.incrementAndGet())
                .put("chat_instance", "ci-" + user.id()).put("data", data);
        query.set("from", from(user));
        ObjectNode message = query.putObject("message").put("message_id", messageId)
                .put("date", System.currentTimeMillis() / 1000);
        message.putObject("chat").put("id", user.id()).put("type", "private");
        message.set("from", json.createObjectNode().put("id", 4242).put("is_bot", true).put("first_name", "Kisscam"));
        ObjectNode update = json.createObjectNode();
        update.set("callback_query", query);
        return update;
    }

    private String storeFile(String folder, byte[] content, long declaredSize) {
        String fileId = "f" + ids.incrementAndGet();
        files.put(fileId, new StoredFile(fileId, folder + "/file_" + fileId + ".bin", declaredSize, content.clone()));
        return fileId;
    }

    private ObjectNode message(User user) {
        return message(user, user.id());
    }

    private ObjectNode message(User user, long chatId) {
        ObjectNode message = json.createObjectNode().put("message_id", ids.incrementAndGet())
                .put("date", System.currentTimeMillis() / 1000);
        message.putObject("chat").put("id", chatId).put("type", chatId == user.id() ? "private" : "group");
        message.set("from", from(user));
        return message;
    }

    private ObjectNode from(User user) {
        ObjectNode from = json.createObjectNode().put("id", user.id()).put("is_bot", false).put("first_name", "Test");
        if (user.languageCode() != null) {
            from.put("language_code", user.languageCode());
        }
        return from;
    }

    private ObjectNode update(ObjectNode message) {
        ObjectNode update = json.createObjectNode();
        update.set("message", message);
        return update;
    }
}
