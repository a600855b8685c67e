package dev.kisscam.adapter.telegram;

import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** What one message shows: its text and its inline buttons, in rows. Equal screens need no edit. */
record Screen(String text, List<List<Button>> rows) {

    record Button(String label, CallbackData action) {
    }

    /** Buttons whose data would not fit into Telegram's 64 bytes are left out, and rows left empty with them. */
    Screen {
        rows = rows.stream().map(row -> row.stream().filter(b -> b.action().fits()).toList())
                .filter(row -> !row.isEmpty()).toList();
    }

    static Screen of(String text) {
        return new Screen(text, List.of());
    }

    static Screen of(String text, Button button) {
        return new Screen(text, List.of(List.of(button)));
    }

    /** The inline keyboard, or null for none (an edit without one removes the old buttons). */
    InlineKeyboardMarkup markup() {
        if (rows.isEmpty()) {
            return null;
        }
        return InlineKeyboardMarkup.builder().keyboard(rows.stream().map(row -> new InlineKeyboardRow(row.stream()
                .map(b -> InlineKeyboardButton.builder().text(b.label()).callbackData(b.action().encode()).build())
                .toList())).toList()).build();
    }
}
