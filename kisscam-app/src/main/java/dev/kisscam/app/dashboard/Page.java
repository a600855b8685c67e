package dev.kisscam.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

/**
 * The dashboard's HTML: the view rendered on the server, with a small inline script that fetches the view again
 * every few seconds and puts it in place. No asset comes from anywhere else, so it works offline, and the content
 * security policy allows only this page's own script, by nonce, and its requests to this server.
 */
final class Page {
    static final int REFRESH_MILLIS = 3000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Page() {
    }

    static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String policy(String nonce) {
        return "default-src 'none'; script-src 'nonce-" + nonce + "'; style-src 'nonce-" + nonce + "'; "
                + "connect-src 'self'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    }

    static void noCaching(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    }

    static String escape(String text) {
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#f5f6f8;color:#1d2330}
            header{display:flex;gap:1.5em;align-items:baseline;padding:.8em 1.2em;background:#1d2330;color:#fff}
            header h1{font-size:1.2em;margin:0}header .muted{color:#aab}
            main{padding:1em 1.2em;display:grid;gap:1em}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(11em,1fr));gap:.6em}
            .card{background:#fff;border-radius:6px;padding:.6em .8em;box-shadow:0 1px 2px #0002}
            .card b{display:block;font-size:1.5em}.card span.l{color:#667;font-size:.9em}
            .charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(20em,1fr));gap:.6em}
            svg{width:100%;height:70px;background:#fff;border-radius:6px;box-shadow:0 1px 2px #0002}
            polyline{fill:none;stroke:#2a6fdb;stroke-width:1.5}polyline.alt{stroke:#d9822b;stroke-dasharray:4 2}
            table{border-collapse:collapse;background:#fff;width:100%;box-shadow:0 1px 2px #0002}
            th,td{text-align:left;padding:.25em .6em;border-bottom:1px solid #e3e5ea;font-variant-numeric:tabular-nums}
            th{background:#eceef2;font-weight:600}h2{font-size:1em;margin:.2em 0}
            .alert{background:#fde2e1;color:#8a1c17;padding:.6em .8em;border-radius:6px}
            .stale{color:#f6b26b}form.out{margin-left:auto}form.out button{background:none;border:0;color:#aab;cursor:pointer}
            .two{display:grid;grid-template-columns:1fr 2fr;gap:1em}
            """;

    /** @param signedIn whether the reader came with the login form's cookie, and so may want to sign out */
    static String render(View view, Wording words, String nonce, boolean signedIn) {
        var html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"").append(view.language()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<link rel=\"icon\" href=\"data:,\"><title>").append(escape(words.word("title"))).append("</title>")
                .append("<style nonce=\"").append(nonce).append("\">").append(STYLE).append("</style></head>")
                .append("<body data-refreshed=\"0\"><header><h1>").append(escape(words.word("title"))).append("</h1>")
                .append("<span class=\"muted\">").append(escape(words.word("uptime"))).append(' ').append(value(view, "uptime"))
                .append("</span><span class=\"muted\">").append(escape(words.word("updated"))).append(' ')
                .append(value(view, "updated")).append("</span><span id=\"stale\" class=\"stale\" hidden>")
                .append(escape(words.word("stale"))).append("</span>");
        if (signedIn) {
            html.append("<form class=\"out\" method=\"post\" action=\"/logout\"><button id=\"signout\">")
                    .append(escape(words.word("logout"))).append("</button></form>");
        }
        html.append("</header><main>");
        html.append("<div id=\"budget\" class=\"alert\"").append(view.budgetReached() ? "" : " hidden").append('>')
                .append(escape(words.word("budgetReached"))).append("</div>");
        html.append("<section class=\"cards\">");
        for (String key : List.of("jobsPerMinute", "delivered", "failed", "cancelled", "successRate", "queue", "generating",
                "activeUsers", "providerCalls", "providerErrors", "deliveriesWaiting", "checksDown", "spendToday", "spendMonth", "dailyLimit", "hostCpu",
                "processCpu", "memory", "disk", "heap")) {
            html.append("<div class=\"card\"><b>").append(value(view, key)).append("</b><span class=\"l\">")
                    .append(escape(words.word(key)));
            if (List.of("delivered", "failed", "cancelled", "successRate", "providerCalls").contains(key)) {
                html.append(", ").append(escape(words.word("sinceStart")));
            }
            html.append("</span></div>");
        }
        html.append("</section><section class=\"charts\">");
        chart(html, words, words.word("chartJobs"), "chartJobsMax", view, "<polyline data-chart=\"jobs\" points=\""
                + view.charts().get("jobs") + "\"/>");
        chart(html, words, words.word("chartQueue"), "chartQueueMax", view, "<polyline data-chart=\"queue\" points=\""
                + view.charts().get("queue") + "\"/><polyline class=\"alt\" data-chart=\"running\" points=\""
                + view.charts().get("running") + "\"/>");
        chart(html, words, words.word("chartCpu"), null, view, "<polyline data-chart=\"cpu\" points=\""
                + view.charts().get("cpu") + "\"/>");
        html.append("</section><section class=\"two\"><div><h2>").append(escape(words.word("failuresByReason")))
                .append("</h2>");
        table(html, words, "failures", List.of("reason", "count"), view.failures());
        html.append("</div><div><h2>").append(escape(words.word("stages"))).append("</h2>");
        table(html, words, "stages", List.of("stage", "count", "median", "p95"), view.stages());
        html.append("</div></section><section><h2>").append(escape(words.word("recentJobs"))).append("</h2>");
        table(html, words, "recent", List.of("job", "user", "state", "age", "queueTime", "generationTime",
                "deliveryTime", "cost", "reason"), view.recent().isEmpty() ? List.of(List.of(words.word("noJobs"))) : view.recent());
        html.append("</section></main><script nonce=\"").append(nonce).append("\">")
                .append(SCRIPT.replace("REFRESH_MILLIS", String.valueOf(REFRESH_MILLIS))
                        .replace("NO_JOBS", escapeScript(words.word("noJobs"))))
                .append("</script></body></html>");
        return html.toString();
    }

    private static String value(View view, String key) {
        return "<span data-k=\"" + key + "\">" + escape(view.text().getOrDefault(key, "")) + "</span>";
    }

    private static void chart(StringBuilder html, Wording words, String title, String maxKey, View view, String lines) {
        html.append("<div><h2>").append(escape(title));
        if (maxKey != null) {
            html.append(" (").append(escape(words.word("max"))).append(' ').append(value(view, maxKey)).append(')');
        }
        html.append("</h2><svg viewBox=\"0 0 ").append(View.WIDTH).append(' ').append(View.HEIGHT)
                .append("\" preserveAspectRatio=\"none\" role=\"img\">").append(lines).append("</svg></div>");
    }

    private static void table(StringBuilder html, Wording words, String id, List<String> heads, List<List<String>> rows) {
        html.append("<table><thead><tr>");
        heads.forEach(head -> html.append("<th>").append(escape(words.word(head))).append("</th>"));
        html.append("</tr></thead><tbody id=\"").append(id).append("\" data-columns=\"").append(heads.size()).append("\">");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(row.size() == 1 && heads.size() > 1 ? "<td colspan=\"" + heads.size() + "\">" : "<td>")
                        .append(escape(cell)).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table>");
    }

    /** A word inside the script's string literal: no quote or tag can end it. */
    private static String escapeScript(String word) {
        return word.replace("\\", "\\\\").replace("'", "\\'").replace("<", "\\x3c");
    }

    private static final String SCRIPT = """
            (function () {
              'use strict';
              function fill(id, rows) {
                var body = document.getElementById(id);
                var columns = Number(body.dataset.columns);
                if (rows.length === 0 && id === 'recent') { rows = [['NO_JOBS']]; }
                body.replaceChildren.apply(body, rows.map(function (row) {
                  var tr = document.createElement('tr');
                  row.forEach(function (cell) {
                    var td = document.createElement('td');
                    if (row.length === 1 && columns > 1) { td.colSpan = columns; }
                    td.textContent = cell;
                    tr.appendChild(td);
                  });
                  return tr;
                }));
              }
              function apply(view) {
                document.querySelectorAll('[data-k]').forEach(function (el) {
                  var text = view.text[el.dataset.k];
                  if (text !== undefined) { el.textContent = text; }
                });
                document.querySelectorAll('[data-chart]').forEach(function (el) {
                  var points = view.charts[el.dataset.chart];
                  if (points !== undefined) { el.setAttribute('points', points); }
                });
                fill('failures', view.failures);
                fill('stages', view.stages);
                fill('recent', view.recent);
                document.getElementById('budget').hidden = !view.budgetReached;
                document.body.dataset.refreshed = String(Number(document.body.dataset.refreshed) + 1);
              }
              function refresh() {
                fetch('/dashboard/data', { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
                  .then(function (response) {
                    if (!response.ok) { throw new Error('HTTP ' + response.status); }
                    return response.json();
                  })
                  .then(function (view) { apply(view); document.getElementById('stale').hidden = true; })
                  .catch(function () { document.getElementById('stale').hidden = false; })
                  .then(function () { setTimeout(refresh, REFRESH_MILLIS); });
              }
              setTimeout(refresh, REFRESH_MILLIS);
            })();
            """;

}
