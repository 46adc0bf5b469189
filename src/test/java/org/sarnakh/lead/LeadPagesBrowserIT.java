package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Browser;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The lead pages in a real headless Chromium: what a rep and a manager do with their hands. */
@IntegrationTest
class LeadPagesBrowserIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.open(port);
  }

  @AfterEach
  void closeBrowser() {
    // Null when Browser.open skipped the test because Chromium is missing outside CI.
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aRepCreatesALeadFindsItByItsNameTypedInArabicLettersMovesItAndSeesTheChangeInItsHistory() {
    User rep = users.create(Role.SALES_REP, users.team().id());
    // Persian letters (ی, ک) with a random tail, so that only this lead matches.
    String tail = randomPersianLetters(5);
    String lastName = "کریمی" + tail;
    String arabicTyped = "مهدي كريمي" + tail;

    browser.signIn(rep.email(), rep.password());
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
    browser.testId("new-lead").click();
    browser.driver().findElement(By.id("f-firstName")).sendKeys("مهدی");
    browser.driver().findElement(By.id("f-lastName")).sendKeys(lastName);
    browser.driver().findElement(By.id("f-email")).sendKeys("mehdi." + tail.length() + "@example.ir");
    browser.driver().findElement(By.id("f-mobile")).sendKeys("۰۹۱۲۳۴۵۶۷۸۹");
    browser.testId("save-lead").click();
    browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='lead-name']")));
    String leadUrl = browser.driver().getCurrentUrl();
    assertThat(browser.testId("flash").getText()).isEqualTo("سرنخ ایجاد شد.");

    browser.go("/leads");
    WebElement search = browser.testId("search");
    search.sendKeys(arabicTyped);
    // htmx searches as the user types, swaps only the results and puts the search in the address.
    browser.waitUntil(ExpectedConditions.urlContains("q="));
    browser.waitForHtmx();
    assertThat(browser.driver().findElements(By.cssSelector("[data-lead-id]"))).hasSize(1);
    browser.driver().findElement(By.linkText("مهدی " + lastName)).click();
    browser.waitUntil(ExpectedConditions.urlToBe(leadUrl));
    assertThat(browser.testId("lead-status").getText()).isEqualTo("واگذارشده");

    browser.testId("move-IN_PROCESS").click();
    browser.waitUntil(ExpectedConditions.textToBe(By.cssSelector("[data-testid='lead-status']"), "در حال پیگیری"));
    browser.testId("tab-history").click();

    WebElement change = browser.waitUntil(
        ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='history'] tr[data-field='status']")));
    assertThat(change.getText()).contains("واگذارشده").contains("در حال پیگیری").contains(rep.email().substring(0, 12));
  }

  @Test
  void aManagerTicksRowsAndUpdatesThemTogether() {
    User admin = users.create(Role.ADMIN);
    User manager = users.create(Role.SALES_MANAGER);
    Api api = new Api(port);
    String tag = "bulk" + ThreadLocalRandom.current().nextInt(1_000_000);
    List<String> ids = List.of(
        api.createLead(admin.token(), Map.of("lastName", "Row One", "tags", List.of(tag))),
        api.createLead(admin.token(), Map.of("lastName", "Row Two", "tags", List.of(tag))));

    browser.signIn(manager.email(), manager.password());
    browser.go("/leads?tag=" + tag);
    WebElement bar = browser.driver().findElement(By.cssSelector("[data-bulk-bar]"));
    assertThat(bar.isDisplayed()).isFalse();
    browser.driver().findElement(By.cssSelector("input[data-select-all]")).click();
    browser.waitUntil(ExpectedConditions.visibilityOf(bar));
    assertThat(browser.driver().findElement(By.cssSelector("[data-selected-count]")).getText()).isEqualTo("۲");
    browser.testId("bulk-update").click();
    // The panel slides open; it takes clicks once the slide has ended.
    browser.waitUntil(ExpectedConditions.attributeContains(By.id("mass-update"), "class", "show"));
    new Select(browser.driver().findElement(By.id("m-rating"))).selectByValue("HOT");
    browser.testId("bulk-apply").click();

    browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='flash']")));
    assertThat(browser.testId("flash").getText()).contains("۲");
    for (String id : ids) {
      assertThat(api.lead(id, admin.token()).get("rating").asString()).isEqualTo("HOT");
    }
  }

  @Test
  void theSignInPageSwitchesLanguageAndDirection() {
    browser.go("/login");
    browser.driver().findElement(By.linkText("English")).click();

    browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("html"), "dir", "ltr"));
    assertThat(browser.testId("sign-in").getText()).isEqualTo("Sign in");
    browser.driver().findElement(By.linkText("العربية")).click();
    browser.waitUntil(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "ar"));
    assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("dir")).isEqualTo("rtl");
  }

  private static String randomPersianLetters(int n) {
    String letters = "ابپتثجچحخدذرزژسشصضطظعغفقگلمنو";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(letters.charAt(ThreadLocalRandom.current().nextInt(letters.length())));
    }
    return b.toString();
  }
}
