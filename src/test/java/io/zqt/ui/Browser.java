package io.zqt.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven through Debian's chromedriver (both installed by {@code .ci/run}; no driver
 * download). Every step of a browser test runs through {@link #step}, which saves a screenshot and the page source
 * under {@code target/browser-screenshots/} when the step fails.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("zqt.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("zqt.chromedriver", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");

  final WebDriver driver;
  final Path downloads;
  final String baseUrl;
  private final String testName;
  private int stepNumber;

  private Browser(WebDriver driver, Path downloads, String baseUrl, String testName) {
    this.driver = driver;
    this.downloads = downloads;
    this.baseUrl = baseUrl;
    this.testName = testName;
  }

  static Browser open(String baseUrl, String testName) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
          + CHROMEDRIVER + "): run .ci/run, or apt-get install chromium chromium-driver fonts-wqy-microhei");
    }
    try {
      Path downloads = Files.createTempDirectory("zqt-downloads");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
          "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
          "--disable-quic", "--window-size=1440,1000", "--lang=zh-CN",
          "--user-data-dir=" + Files.createTempDirectory("zqt-chromium"));
      Map<String, Object> prefs = new HashMap<>();
      prefs.put("download.default_directory", downloads.toString());
      prefs.put("download.prompt_for_download", false);
      prefs.put("intl.accept_languages", "zh-CN,zh");
      options.setExperimentalOption("prefs", prefs);
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
          .build();
      WebDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
      return new Browser(driver, downloads, baseUrl, testName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one user-visible step; on failure keeps a screenshot and the page's HTML, then fails the test. */
  void step(String name, Runnable action) {
    stepNumber++;
    try {
      action.run();
    } catch (RuntimeException | AssertionError e) {
      String file = String.format("%s-%02d-%s", testName, stepNumber, name.replaceAll("[^\\p{L}\\p{N}]+", "_"));
      try {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(file + ".png"),
            ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        Files.writeString(SCREENSHOTS.resolve(file + ".html"), driver.getPageSource());
      } catch (Exception screenshotFailure) {
        e.addSuppressed(screenshotFailure);
      }
      throw new AssertionError("Browser step " + stepNumber + " '" + name + "' failed (screenshot "
          + SCREENSHOTS.resolve(file + ".png") + "): " + e.getMessage(), e);
    }
  }

  void get(String path) {
    driver.get(baseUrl + path);
  }

  WebDriverWait waiting() {
    return waiting(Duration.ofSeconds(20));
  }

  WebDriverWait waiting(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(100));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  WebElement visible(By by) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement clickable(By by) {
    return waiting().until(ExpectedConditions.elementToBeClickable(by));
  }

  void click(By by) {
    waiting().withMessage("click " + by).until(d -> {
      try {
        WebElement element = d.findElement(by);
        script("arguments[0].scrollIntoView({block: 'center'})", element);
        if (!element.isDisplayed() || !element.isEnabled()) {
          return false;
        }
        element.click();
        return true;
      } catch (org.openqa.selenium.ElementClickInterceptedException
          | org.openqa.selenium.NoSuchElementException e) {
        return false;
      }
    });
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** Runs an asynchronous script in the page; the script calls its last argument with the result. */
  Object async(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** Forgets the logged-in user: cookies and the app's local storage (language choice stays). */
  void forgetLogin() {
    driver.manage().deleteAllCookies();
  }

  Path awaitDownload(String suffix) {
    return waiting(Duration.ofSeconds(30)).until(d -> {
      try (var files = Files.list(downloads)) {
        return files.filter(f -> f.getFileName().toString().endsWith(suffix))
            .filter(f -> f.toFile().length() > 0).findFirst().orElse(null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Override
  public void close() {
    driver.quit();
  }
}
