package dev.kisscam.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kisscam.adapter.telegram.testing.FakeBotApi;
import dev.kisscam.app.testing.RunningBot;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through its chromedriver (no browser or
 * driver is downloaded), against the whole bot running between a fake Telegram and a simulated xAI.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "dashboard-admin-token-" + Long.toHexString(System.nanoTime());
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private RunningBot bot;
    private WebDriver browser;

    /** Every line the bot logs while the test runs. */
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private ch.qos.logback.classic.Level rootLevel;

    @BeforeEach
    void recordLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @BeforeEach
    void needsChromium() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMIUM + " or " + CHROMEDRIVER + ": install the Debian packages chromium and chromium-driver");
    }

    @AfterEach
    void stop() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logs);
        root.setLevel(rootLevel);
        if (browser != null) {
            browser.quit();
        }
        if (bot != null) {
            bot.close();
        }
    }

    private WebDriver browser(String language) throws IOException {
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-dev-shm-usage", "--window-size=1280,1400",
                "--lang=" + language, "--user-data-dir=" + Files.createTempDirectory(directory, "chromium"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        browser = new ChromeDriver(service, options);
        return browser;
    }

    private static String text(WebDriver browser, String key) {
        return browser.findElement(By.cssSelector("[data-k='" + key + "']")).getText();
    }

    private static List<LogEntry> errors(WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    private static String spendToday(String metrics) {
        String line = metrics.lines().filter(l -> l.startsWith("kisscam_spend_today_usd ")).findFirst().orElseThrow();
        return "$" + String.format(Locale.ROOT, "%.2f", Double.parseDouble(line.substring(line.indexOf(' ') + 1)));
    }

    @Test
    void after_login_the_page_shows_the_runs_numbers_refreshes_in_place_and_logs_no_error() throws Exception {
        bot = RunningBot.start(directory, Map.of("ADMIN_TOKEN", TOKEN));
        bot.deliverVideo(new FakeBotApi.User(701, "en"));
        bot.deliverVideo(new FakeBotApi.User(702, "en"));
        bot.xai.blockNextGeneration();
        bot.sendPhoto(new FakeBotApi.User(703, "en"));
        bot.awaitFinished("delivered", 2);
        bot.awaitFinished("failed_moderation_blocked", 1);

        WebDriver page = browser("en-US");
        page.get(bot.admin("/dashboard").toString());
        assertThat(page.getCurrentUrl()).endsWith("/login");
        page.findElement(By.id("token")).sendKeys(TOKEN);
        page.findElement(By.id("signin")).click();
        new WebDriverWait(page, WAIT).until(d -> d.getCurrentUrl().endsWith("/dashboard"));

        assertThat(text(page, "delivered")).isEqualTo("2");
        assertThat(text(page, "failed")).isEqualTo("1");
        assertThat(text(page, "successRate")).isEqualTo("66.7 %");
        assertThat(text(page, "spendToday")).isEqualTo(spendToday(bot.getAdmin("/metrics", TOKEN).body()));
        assertThat(text(page, "spendToday")).isNotEqualTo("$0.00");
        List<WebElement> jobs = page.findElements(By.cssSelector("#recent tr"));
        assertThat(jobs).hasSize(3);
        assertThat(jobs.getFirst().getText()).contains("failed").contains("moderation_blocked");
        assertThat(page.findElement(By.id("failures")).getText()).contains("moderation_blocked");
        assertThat(page.getPageSource()).doesNotContain(TOKEN).doesNotContain("701").doesNotContain("telegram:");

        ((JavascriptExecutor) page).executeScript("window.sameDocument = true;");
        bot.deliverVideo(new FakeBotApi.User(704, "en"));
        bot.awaitFinished("delivered", 3);
        new WebDriverWait(page, WAIT).until(d -> "3".equals(text(d, "delivered")));
        assertThat(((JavascriptExecutor) page).executeScript("return window.sameDocument === true;"))
                .as("refreshed in place, not reloaded").isEqualTo(true);
        assertThat(page.findElements(By.cssSelector("#recent tr"))).hasSize(4);
        assertThat(text(page, "jobsPerMinute")).isNotBlank();

        File shot = ((TakesScreenshot) page).getScreenshotAs(OutputType.FILE);
        Path saved = Path.of("target", "dashboard.png");
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(saved)).isGreaterThan(10_000);
        assertThat(errors(page)).as("console errors and warnings").isEmpty();

        page.findElement(By.id("signout")).click();
        new WebDriverWait(page, WAIT).until(d -> d.getCurrentUrl().endsWith("/login"));
        page.get(bot.admin("/dashboard").toString());
        assertThat(page.getCurrentUrl()).as("signed out: the cookie is gone").endsWith("/login");
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).isNotEmpty()
                .noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void without_the_token_the_browser_gets_the_login_form_and_the_data_is_refused() throws Exception {
        bot = RunningBot.start(directory, Map.of("ADMIN_TOKEN", TOKEN, "LOG_LEVEL", "INFO"));

        WebDriver page = browser("ru-RU");
        page.get(bot.admin("/dashboard").toString());

        assertThat(page.getCurrentUrl()).endsWith("/login");
        assertThat(page.findElement(By.tagName("body")).getText()).contains("Токен администратора")
                .doesNotContain("доставлено");
        page.findElement(By.id("token")).sendKeys("not-the-" + TOKEN);
        page.findElement(By.id("signin")).click();
        // The click posts the form; the answer is a new page, which the driver may not have yet.
        var wrong = new WebDriverWait(page, WAIT).until(d -> d.findElements(By.id("wrong")).stream().findFirst().orElse(null));
        assertThat(wrong.getText()).isEqualTo("Это не токен администратора.");
        page.get(bot.admin("/dashboard/data").toString());
        assertThat(page.getPageSource()).doesNotContain("delivered").doesNotContain("spendToday");
        assertThat(bot.getAdmin("/dashboard/data", null).statusCode()).isEqualTo(401);
        assertThat(bot.getAdmin("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(bot.getAdmin("/metrics", "wrong-" + TOKEN).statusCode()).isEqualTo(401);
        assertThat(bot.getAdmin("/health", null).body()).doesNotContain("details");
    }
}
