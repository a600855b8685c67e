package dev.kisscam.app.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dashboard's words in English and Russian, chosen by the browser's Accept-Language. */
enum Wording {
    EN(Locale.ENGLISH, Map.ofEntries(
            Map.entry("title", "Kisscam — operations"),
            Map.entry("uptime", "up"),
            Map.entry("updated", "updated"),
            Map.entry("stale", "no fresh data"),
            Map.entry("jobsPerMinute", "jobs per minute"),
            Map.entry("delivered", "delivered"),
            Map.entry("failed", "failed"),
            Map.entry("cancelled", "cancelled"),
            Map.entry("successRate", "success rate"),
            Map.entry("queue", "waiting in queue"),
            Map.entry("generating", "generating now"),
            Map.entry("activeUsers", "active users"),
            Map.entry("providerCalls", "xAI calls"),
            Map.entry("providerErrors", "of them errors"),
            Map.entry("deliveriesWaiting", "videos waiting for Telegram"),
            Map.entry("checksDown", "health checks down"),
            Map.entry("allUp", "none"),
            Map.entry("spendToday", "spend today (UTC)"),
            Map.entry("spendMonth", "spend this month"),
            Map.entry("dailyLimit", "daily budget"),
            Map.entry("budgetReached", "Daily budget reached: new jobs are refused until midnight UTC."),
            Map.entry("none", "none"),
            Map.entry("hostCpu", "host CPU"),
            Map.entry("processCpu", "bot CPU"),
            Map.entry("memory", "host memory used"),
            Map.entry("disk", "storage disk used"),
            Map.entry("heap", "heap used"),
            Map.entry("sinceStart", "since start"),
            Map.entry("chartJobs", "jobs finished per minute, last hour"),
            Map.entry("chartQueue", "queue (line) and generations running (dashes), last hour"),
            Map.entry("chartCpu", "host CPU, last hour"),
            Map.entry("failuresByReason", "failures by reason"),
            Map.entry("stages", "processing time per stage"),
            Map.entry("stage", "stage"),
            Map.entry("count", "count"),
            Map.entry("median", "median"),
            Map.entry("p95", "95th percentile"),
            Map.entry("recentJobs", "last jobs"),
            Map.entry("job", "job"),
            Map.entry("user", "user (hash)"),
            Map.entry("state", "state"),
            Map.entry("age", "age"),
            Map.entry("queueTime", "queue"),
            Map.entry("generationTime", "generation"),
            Map.entry("deliveryTime", "delivery"),
            Map.entry("cost", "cost"),
            Map.entry("reason", "failure reason"),
            Map.entry("noJobs", "no jobs yet"),
            Map.entry("stage.intake", "intake"),
            Map.entry("stage.queue", "queue"),
            Map.entry("stage.generation", "generation"),
            Map.entry("stage.delivery", "delivery"),
            Map.entry("state.draft", "waiting for 2nd photo"),
            Map.entry("state.queued", "queued"),
            Map.entry("state.submitting", "submitting"),
            Map.entry("state.generating", "generating"),
            Map.entry("state.delivering", "delivering"),
            Map.entry("state.delivered", "delivered"),
            Map.entry("state.failed", "failed"),
            Map.entry("state.cancelled", "cancelled"),
            Map.entry("state.expired", "draft expired"),
            Map.entry("max", "max"),
            Map.entry("logout", "sign out"))),
    RU(Locale.forLanguageTag("ru"), Map.ofEntries(
            Map.entry("title", "Kisscam — работа бота"),
            Map.entry("uptime", "работает"),
            Map.entry("updated", "обновлено"),
            Map.entry("stale", "нет свежих данных"),
            Map.entry("jobsPerMinute", "заданий в минуту"),
            Map.entry("delivered", "доставлено"),
            Map.entry("failed", "с ошибкой"),
            Map.entry("cancelled", "отменено"),
            Map.entry("successRate", "доля успешных"),
            Map.entry("queue", "ждут в очереди"),
            Map.entry("generating", "генерируется сейчас"),
            Map.entry("activeUsers", "активных пользователей"),
            Map.entry("providerCalls", "вызовов xAI"),
            Map.entry("providerErrors", "из них ошибок"),
            Map.entry("deliveriesWaiting", "видео ждут Telegram"),
            Map.entry("checksDown", "проверки не в порядке"),
            Map.entry("allUp", "нет"),
            Map.entry("spendToday", "расходы сегодня (UTC)"),
            Map.entry("spendMonth", "расходы за месяц"),
            Map.entry("dailyLimit", "дневной бюджет"),
            Map.entry("budgetReached", "Дневной бюджет исчерпан: новые задания не принимаются до полуночи UTC."),
            Map.entry("none", "нет"),
            Map.entry("hostCpu", "CPU сервера"),
            Map.entry("processCpu", "CPU бота"),
            Map.entry("memory", "память сервера занята"),
            Map.entry("disk", "диск хранилища занят"),
            Map.entry("heap", "куча занята"),
            Map.entry("sinceStart", "с запуска"),
            Map.entry("chartJobs", "завершённых заданий в минуту, последний час"),
            Map.entry("chartQueue", "очередь (линия) и генерации (штрихи), последний час"),
            Map.entry("chartCpu", "CPU сервера, последний час"),
            Map.entry("failuresByReason", "ошибки по причинам"),
            Map.entry("stages", "время обработки по этапам"),
            Map.entry("stage", "этап"),
            Map.entry("count", "сколько"),
            Map.entry("median", "медиана"),
            Map.entry("p95", "95-й процентиль"),
            Map.entry("recentJobs", "последние задания"),
            Map.entry("job", "задание"),
            Map.entry("user", "пользователь (хеш)"),
            Map.entry("state", "состояние"),
            Map.entry("age", "возраст"),
            Map.entry("queueTime", "очередь"),
            Map.entry("generationTime", "генерация"),
            Map.entry("deliveryTime", "доставка"),
            Map.entry("cost", "стоимость"),
            Map.entry("reason", "причина ошибки"),
            Map.entry("noJobs", "заданий пока нет"),
            Map.entry("stage.intake", "приём"),
            Map.entry("stage.queue", "очередь"),
            Map.entry("stage.generation", "генерация"),
            Map.entry("stage.delivery", "доставка"),
            Map.entry("state.draft", "ждёт второе фото"),
            Map.entry("state.queued", "в очереди"),
            Map.entry("state.submitting", "отправляется"),
            Map.entry("state.generating", "генерируется"),
            Map.entry("state.delivering", "доставляется"),
            Map.entry("state.delivered", "доставлено"),
            Map.entry("state.failed", "ошибка"),
            Map.entry("state.cancelled", "отменено"),
            Map.entry("state.expired", "черновик истёк"),
            Map.entry("max", "макс."),
            Map.entry("logout", "выйти")));

    private final Locale locale;
    private final Map<String, String> words;

    Wording(Locale locale, Map<String, String> words) {
        this.locale = locale;
        this.words = words;
    }

    /** The language the browser prefers among English and Russian; English when it names neither. */
    static Wording forAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return EN;
        }
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(header), List.of("en", "ru"));
            return "ru".equals(tag) ? RU : EN;
        } catch (IllegalArgumentException e) {
            return EN;
        }
    }

    Locale locale() {
        return locale;
    }

    String language() {
        return locale.getLanguage();
    }

    String word(String key) {
        String word = words.get(key);
        return word != null ? word : key;
    }
}
