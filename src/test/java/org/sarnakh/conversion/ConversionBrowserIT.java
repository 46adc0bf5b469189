package org.sarnakh.conversion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Browser;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Converting a lead in a real headless Chromium, then moving its deal on the pipeline board. */
@IntegrationTest
class ConversionBrowserIT {

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
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void aRepConvertsALeadAndMovesTheNewDealOnTheBoard() {
    User rep = users.create(Role.SALES_REP, users.team().id());
    String company = "شرکت دماوند " + UUID.randomUUID().toString().substring(0, 6);
    String lead = new Api(port).createLead(rep.token(), Map.of("firstName", "نرگس", "lastName", "صادقی",
        "accountName", company, "opportunityAmount", Map.of("amount", "750000", "currency", "IRR")));

    browser.signIn(rep.email(), rep.password());
    browser.go("/leads/" + lead);
    browser.testId("convert-lead").click();
    browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='convert-form']")));
    assertThat(browser.driver().findElement(By.id("f-account.name")).getAttribute("value")).isEqualTo(company);
    assertThat(browser.testId("create-opportunity").isSelected()).isTrue();
    browser.driver().findElement(By.id("f-opportunity.name")).clear();
    browser.driver().findElement(By.id("f-opportunity.name")).sendKeys("قرارداد دماوند");
    browser.testId("confirm-convert").click();
    browser.waitUntil(ExpectedConditions.urlContains("/contacts/"));
    assertThat(browser.testId("record-name").getText()).isEqualTo("نرگس صادقی");
    assertThat(browser.testId("origin-lead-link").getText()).isEqualTo("نرگس صادقی");

    browser.go("/opportunities/board");
    var card = browser.driver().findElement(By.xpath("//a[normalize-space()='قرارداد دماوند']/ancestor::li"));
    String cardId = card.getAttribute("data-testid").substring("card-".length());
    browser.testId("move-on-" + cardId).click();
    browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='column-QUALIFICATION'] [data-testid='card-" + cardId + "']")));
    assertThat(browser.testId("flash").getText()).isNotBlank();
  }
}
