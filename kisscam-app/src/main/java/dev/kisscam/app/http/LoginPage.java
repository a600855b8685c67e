package dev.kisscam.app.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** The admin login form: one password field for the token, posted to this server only. */
final class LoginPage {
    private LoginPage() {
    }

    enum Language {
        EN("en", "Kisscam — sign in", "Admin token", "Sign in", "That is not the admin token."),
        RU("ru", "Kisscam — вход", "Токен администратора", "Войти", "Это не токен администратора.");

        final String tag;
        final String title;
        final String field;
        final String button;
        final String wrong;

        Language(String tag, String title, String field, String button, String wrong) {
            this.tag = tag;
            this.title = title;
            this.field = field;
            this.button = button;
            this.wrong = wrong;
        }

        static Language of(String acceptLanguage) {
            if (acceptLanguage == null || acceptLanguage.isBlank()) {
                return EN;
            }
            try {
                return "ru".equals(Locale.lookupTag(Locale.LanguageRange.parse(acceptLanguage), List.of("en", "ru")))
                        ? RU : EN;
            } catch (IllegalArgumentException e) {
                return EN;
            }
        }
    }

    static void send(HttpExchange exchange, int status, Language language, boolean wrongToken) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"" + language.tag + "\"><head><meta charset=\"utf-8\">"
                + "<link rel=\"icon\" href=\"data:,\"><title>" + language.title + "</title></head><body>"
                + "<h1>" + language.title + "</h1>"
                + (wrongToken ? "<p id=\"wrong\">" + language.wrong + "</p>" : "")
                + "<form method=\"post\" action=\"" + AdminAccess.LOGIN + "\"><label>" + language.field
                + " <input id=\"token\" type=\"password\" name=\"token\" autocomplete=\"current-password\" required>"
                + "</label> <button id=\"signin\">" + language.button + "</button></form></body></html>";
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        HttpEndpoint.send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }
}
