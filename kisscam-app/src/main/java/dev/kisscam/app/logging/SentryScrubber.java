package dev.kisscam.app.logging;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a report may not carry, taken out of it before it is sent: the configured secrets (bot token, API keys,
 * S3 and admin credentials, the DSN), anything shaped like a token, key or password, chat and user ids, and photo
 * data. No user, request or server-side personal data is attached at all.
 */
final class SentryScrubber {
    static final String MASK = "****";
    private static final List<Replacement> SHAPES = List.of(
            // Photo data: data URIs and long base64 runs.
            new Replacement(Pattern.compile("data:[a-z]+/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+"), "data:" + MASK),
            new Replacement(Pattern.compile("[A-Za-z0-9+/]{120,}={0,2}"), MASK),
            // Telegram bot tokens (also inside /bot<token>/ URLs) and bearer credentials.
            new Replacement(Pattern.compile("\\d{3,}:[A-Za-z0-9_-]{20,}"), MASK),
            new Replacement(Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+"), "$1 " + MASK),
            // xAI keys, and whatever a line names as a key, token, secret or password.
            new Replacement(Pattern.compile("\\bxai-[A-Za-z0-9_-]{8,}"), MASK),
            new Replacement(Pattern.compile(
                    "(?i)\\b([a-z_]*(?:api[_-]?key|token|secret|password|passwd|pwd|dsn)[a-z_]*)(\"?\\s*[=:]\\s*\"?)[^\\s\",;&]+"),
                    "$1$2" + MASK),
            // Who: a frontend's user id (telegram:123), chat ids.
            new Replacement(Pattern.compile("(?i)\\b(telegram|tg|web|cli):-?\\d+"), "$1:" + MASK),
            new Replacement(Pattern.compile("(?i)\\b(chat(?:[ _-]?id)?|user(?:[ _-]?id)?|from)(\"?\\s*[=:#]?\\s*\"?)-?\\d{3,}"),
                    "$1$2" + MASK));

    private record Replacement(Pattern pattern, String with) {
    }

    private final List<String> secrets;

    SentryScrubber(List<String> secrets) {
        // Longest first, so a secret that contains another is blanked whole.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, MASK);
        }
        for (Replacement shape : SHAPES) {
            clean = shape.pattern().matcher(clean).replaceAll(shape.with());
        }
        return clean;
    }

    SentryEvent scrub(SentryEvent event, Hint hint) {
        event.setUser(null);
        event.setRequest(null);
        event.setServerName(null);
        Message message = event.getMessage();
        if (message != null) {
            message.setFormatted(scrub(message.getFormatted()));
            message.setMessage(scrub(message.getMessage()));
            if (message.getParams() != null) {
                message.setParams(message.getParams().stream().map(this::scrub).toList());
            }
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(scrub(exception.getValue()));
            }
        }
        if (event.getBreadcrumbs() != null) {
            event.getBreadcrumbs().forEach(this::scrub);
        }
        if (event.getExtras() != null) {
            event.setExtras(scrubbed(event.getExtras()));
        }
        if (event.getTags() != null) {
            var tags = new HashMap<String, String>();
            event.getTags().forEach((key, value) -> tags.put(key, scrub(value)));
            event.setTags(tags);
        }
        for (var entry : new ArrayList<>(event.getContexts().entrySet())) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> map) {
                event.getContexts().put(key, scrubbed(map));
            } else if (value instanceof String text) {
                event.getContexts().put(key, scrub(text));
            }
        }
        return event;
    }

    Breadcrumb scrub(Breadcrumb breadcrumb) {
        breadcrumb.setMessage(scrub(breadcrumb.getMessage()));
        for (String key : new ArrayList<>(breadcrumb.getData().keySet())) {
            Object value = breadcrumb.getData().get(key);
            breadcrumb.setData(key, value instanceof String text ? scrub(text) : value == null ? null : scrub(value.toString()));
        }
        return breadcrumb;
    }

    private Map<String, Object> scrubbed(Map<?, ?> map) {
        var clean = new HashMap<String, Object>();
        map.forEach((key, value) -> clean.put(String.valueOf(key),
                value instanceof Map<?, ?> inner ? scrubbed(inner) : value == null ? null : scrub(value.toString())));
        return clean;
    }
}
