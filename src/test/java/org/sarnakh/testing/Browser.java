package org.sarnakh.testing;

import java.io.File;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium of the distribution ({@code apt-get install chromium chromium-driver}, which
 * {@code .ci/run} does), driven through its ChromeDriver. Without them the browser tests are
 * skipped loudly, except under {@code CI=true}, where they must run.
 */
public final class Browser implements AutoCloseable {

  static final File CHROMIUM = new File("/usr/bin/chromium");
  static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final String base;

  private Browser(ChromeDriver driver, String base) {
    this.driver = driver;
    this.base = base;
  }

  public static Browser open(int port) {
    if (!CHROMIUM.canExecute() || !CHROMEDRIVER.canExecute()) {
      String reason = "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
          + " (apt-get install chromium chromium-driver)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException(reason + "; required under CI=true");
      }
      System.err.println("\n*** SKIPPING browser test: " + reason + " ***\n");
      Assumptions.abort(reason);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // Background networking off: this machine has no internet, and Chromium would keep trying.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--window-size=1400,1000",
        // Bootstrap scrolls smoothly unless reduced motion is asked for; WebDriver clicks before a smooth scroll ends.
        "--force-prefers-reduced-motion");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
        .usingAnyFreePort().build();
    return new Browser(new ChromeDriver(service, options), "http://127.0.0.1:" + port);
  }

  public WebDriver driver() {
    return driver;
  }

  public void go(String path) {
    driver.get(base + path);
  }

  public void signIn(String email, String password) {
    go("/login");
    driver.findElement(By.id("username")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(password);
    testId("sign-in").click();
    waitUntil(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
  }

  public WebElement testId(String id) {
    return driver.findElement(By.cssSelector("[data-testid='" + id + "']"));
  }

  /** Waits (polling, up to 15 s) for a condition of the page, as a user waits for it to appear. */
  public <T> T waitUntil(java.util.function.Function<? super WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(15)).until(condition);
  }

  /** Waits until htmx has no request in flight, so the page holds its final swap. */
  public void waitForHtmx() {
    waitUntil(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d).executeScript(
        "return document.querySelector('.htmx-request') === null && !document.body.classList.contains('htmx-settling');"));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
