package io.jwtgate.sample;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver, both found by explicit paths (Debian's {@code chromium} and
 * {@code chromium-driver}; the environment variables {@value #CHROMIUM_ENV} and {@value #CHROMEDRIVER_ENV}
 * override them), so Selenium Manager never looks for or downloads a browser.
 *
 * <p>Without a browser the tests skip with one message per JVM; under {@code CI=true} they fail instead, since
 * CI installs the browser ({@code .ci/run}) and a silent skip there would hide the only real-browser checks.
 */
final class Browser implements AutoCloseable {

    /** {@code -Dsample.screenshots=docs/images} writes the screenshots there too. */
    static final String SCREENSHOTS_PROPERTY = "sample.screenshots";
    static final String CHROMIUM_ENV = "JWTGATE_CHROMIUM";
    static final String CHROMEDRIVER_ENV = "JWTGATE_CHROMEDRIVER";
    private static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    private static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final AtomicBoolean SKIP_REPORTED = new AtomicBoolean();

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Aborts the calling test class when no browser is installed, or fails it when {@code CI=true}. */
    static void require() {
        Path chromium = chromium();
        Path chromedriver = chromedriver();
        if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
            return;
        }
        String missing = "Chromium/ChromeDriver not found at " + chromium + " and " + chromedriver
                + " (apt-get install -y chromium chromium-driver, or set " + CHROMIUM_ENV + " and "
                + CHROMEDRIVER_ENV + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(missing + "; CI=true requires the browser tests");
        }
        if (SKIP_REPORTED.compareAndSet(false, true)) {
            System.err.println(missing + "; browser tests skipped");
        }
        Assumptions.abort(missing + "; browser tests skipped");
    }

    /** Starts a fresh headless browser with its own profile in {@code profile}. */
    static Browser start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        // Without these, Chromium on this kind of machine (no GPU, no sandbox, no network) refuses to start or
        // to connect; the profile is private, so no test sees another's cookies.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver().toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(service, driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves what the browser shows as {@code name}.png in {@code target/screenshots}, and also in the directory
     * of the system property {@value #SCREENSHOTS_PROPERTY} when set (how docs/images is refreshed). Not
     * {@code jwtgate.screenshots}: JwtGate reads every {@code jwtgate.*} system property as its configuration and
     * refuses unknown keys, so the sample would not start.
     */
    void screenshot(String name) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            write(Path.of("target", "screenshots"), name, png);
            String docs = System.getProperty(SCREENSHOTS_PROPERTY);
            if (docs != null && !docs.isBlank()) {
                write(Path.of(docs), name, png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String name, byte[] png) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), png);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }

    private static Path chromium() {
        return Path.of(envOr(CHROMIUM_ENV, DEFAULT_CHROMIUM));
    }

    private static Path chromedriver() {
        return Path.of(envOr(CHROMEDRIVER_ENV, DEFAULT_CHROMEDRIVER));
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
