package dev.kisscam.adapter.telegram;

import java.util.List;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** What one message shows: its text and its inline buttons (one row). Equal screens need no edit. */
record Screen(String text, List<Button> buttons) {

    record Button(String label, CallbackData action) {
    }

    Screen {
        buttons = buttons.stream().filter(b -> b.action().fits()).toList();
    }

    static Screen of(String text) {
        return new Screen(text, List.of());
    }

    static Screen of(String text, Button button) {
        return new Screen(text, List.of(button));
    }

    /** The inline keyboard, or null for none (an edit without one removes the old buttons). */
    InlineKeyboardMarkup markup() {
        if (buttons.isEmpty()) {
            return null;
        }
        var row = new InlineKeyboardRow(buttons.stream()
                .map(b -> InlineKeyboardButton.builder().text(b.label()).callbackData(b.action().encode()).build())
                .toList());
        return InlineKeyboardMarkup.builder().keyboardRow(row).build();
    }
}
