package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.platform.db.Tables.CONSENT_EVIDENCE;
import static org.sarnakh.platform.db.Tables.LEAD;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Browser;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A form embedded with embed.js in a plain HTML page of another site (another port, so another
 * origin), filled in and sent by headless Chromium: the lead exists with its consent evidence.
 */
@IntegrationTest
class FormEmbedBrowserIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  DSLContext db;

  Browser browser;
  HttpServer site;

  @BeforeEach
  void start() throws IOException {
    browser = Browser.open(port);
    site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    site.start();
  }

  @AfterEach
  void stop() {
    site.stop(0);
    browser.close();
  }

  void serve(String html) {
    site.createContext("/", exchange -> {
      byte[] body = html.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
  }

  @Test
  void aVisitorOnAnotherSiteSendsTheEmbeddedFormAndTheLeadKeepsTheirConsent() {
    String origin = "http://127.0.0.1:" + site.getAddress().getPort();
    var marketing = users.create(Role.MARKETING);
    var created = new Api(port).post("/api/v1/forms", marketing.token(), Map.of("name", "Partner form",
        "language", "fa", "fields", List.of(Map.of("name", "firstName"), Map.of("name", "email", "required", true)),
        "consent", Map.of("required", true, "text", "با دریافت خبرنامه موافقم", "policyUrl", "https://www.example.com/privacy"),
        "allowedOrigins", List.of(origin)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String key = created.json().get("key").asString();
    serve("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Partner</title></head><body>"
        + "<h1>Partner site</h1><script src=\"http://127.0.0.1:" + port + "/f/" + key + "/embed.js\"></script>"
        + "</body></html>");
    String email = TestData.email();

    browser.driver().get(origin + "/");
    browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='snk-form']")));
    var consent = browser.driver().findElement(By.name("consent"));
    assertThat(consent.isSelected()).as("never ticked in advance").isFalse();
    browser.driver().findElement(By.name("firstName")).sendKeys("نیلوفر");
    browser.driver().findElement(By.name("email")).sendKeys(email);
    browser.testId("snk-submit").click();
    browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='snk-error-consent']"), " "));
    assertThat(db.fetchCount(LEAD, LEAD.EMAIL.eq(email))).as("refused without consent").isZero();

    consent.click();
    browser.testId("snk-submit").click();
    browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid='snk-thanks']")));

    var lead = db.selectFrom(LEAD).where(LEAD.EMAIL.eq(email)).fetchSingle();
    assertThat(lead.getFirstName()).isEqualTo("نیلوفر");
    var evidence = db.selectFrom(CONSENT_EVIDENCE).where(CONSENT_EVIDENCE.LEAD_ID.eq(lead.getId())).fetchSingle();
    assertThat(evidence.getGranted()).isTrue();
    assertThat(evidence.getConsentText()).isEqualTo("با دریافت خبرنامه موافقم");
    assertThat(evidence.getUserAgent()).contains("Chrome");
    assertThat(evidence.getSourceAddress()).isEqualTo("127.0.0.1");
  }
}
