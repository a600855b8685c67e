package dev.kisscam.app.cli;

import dev.kisscam.app.Launch;
import dev.kisscam.app.config.ConfigLoader;
import dev.kisscam.core.domain.VideoStyle;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code kisscam styles}: the styles a video can be made in, as {@code generate --style} takes them. */
@Command(name = "styles", mixinStandardHelpOptions = true,
        description = "List the styles a video can be made in (for generate --style); the first is the default.")
public final class StylesCommand implements Callable<Integer> {
    private final Launch launch;

    public StylesCommand(Launch launch) {
        this.launch = launch;
    }

    @Override
    public Integer call() {
        // The configuration's styles, not a list of our own: the ones generate and the bot offer.
        var config = launch.config(launch.values(), ConfigLoader.Purpose.COMMAND_LINE);
        if (config.isEmpty()) {
            return Launch.BAD_CONFIGURATION;
        }
        List<VideoStyle> styles = config.get().core().styles();
        for (int i = 0; i < styles.size(); i++) {
            launch.out().println(styles.get(i).id() + (i == 0 ? "  (default)" : ""));
        }
        return 0;
    }
}
