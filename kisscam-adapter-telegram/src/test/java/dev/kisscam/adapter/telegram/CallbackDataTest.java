package dev.kisscam.adapter.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kisscam.core.domain.JobId;
import dev.kisscam.core.domain.VideoStyle;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Button data names its job and fits into Telegram's 64 bytes; anything else reads as no button of ours. */
class CallbackDataTest {
    private static final JobId JOB = new JobId("0d5e7c38-1f0b-4a57-9b8e-2f4a1c6d9e01");

    @Test
    void every_button_reads_back_as_what_it_was() {
        List<CallbackData> buttons = List.of(new CallbackData.CancelJob(JOB), new CallbackData.RetryJob(JOB),
                new CallbackData.GiveConsent(), new CallbackData.Restyle(JOB, new VideoStyle("hug-then-kiss")),
                new CallbackData.AnotherTake(JOB, Optional.empty()),
                new CallbackData.AnotherTake(JOB, Optional.of(new VideoStyle("forehead-kiss"))));

        assertThat(buttons).allSatisfy(button -> {
            assertThat(button.fits()).isTrue();
            assertThat(CallbackData.parse(button.encode())).contains(button);
        });
    }

    @Test
    void a_button_whose_data_would_not_fit_is_left_out_of_the_screen() {
        var longStyle = new VideoStyle("a-style-with-a-very-long-name-xx");
        var screen = new Screen("queued", List.of(
                List.of(new Screen.Button("Cancel", new CallbackData.CancelJob(JOB))),
                List.of(new Screen.Button("Long", new CallbackData.Restyle(JOB, longStyle)))));

        assertThat(new CallbackData.Restyle(JOB, longStyle).fits()).isFalse();
        assertThat(screen.rows()).hasSize(1);
    }

    @Test
    void forged_or_garbled_data_is_no_button() {
        assertThat(List.of("", "s:", "s:" + JOB.value(), "s:" + JOB.value() + ":rain:x", "s:not a job:rain",
                "s:" + JOB.value() + ":RAIN", "t:" + JOB.value() + ":", "t::rain", "x:" + JOB.value(),
                "c:" + JOB.value() + "x".repeat(40)))
                .allSatisfy(data -> assertThat(CallbackData.parse(data)).as(data).isEmpty());
        assertThat(CallbackData.parse(null)).isEmpty();
    }
}
