package org.sarnakh.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.Browser;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The routing rule editor in a real browser, by keyboard alone: the name has the focus, Space ticks a rep, Enter saves. */
@IntegrationTest
class RoutingEditorBrowserIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Browser browser;
  Api api;
  User manager;
  User rep;

  @BeforeEach
  void open() {
    api = new Api(port);
    UUID team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
    rep = users.create(Role.SALES_REP, team);
    removeRules();
    browser = Browser.open(port);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.close();
    }
    removeRules();
  }

  void removeRules() {
    for (JsonNode r : api.get("/api/v1/routing/rules", manager.token()).json().get("items")) {
      api.delete("/api/v1/routing/rules/" + r.get("id").asString(), manager.token());
    }
  }

  @Test
  void aManagerWritesARuleWithTheKeyboardAlone() {
    browser.signIn(manager.email(), manager.password());
    browser.go("/settings/routing/rules/new");
    var focused = browser.driver().switchTo().activeElement();
    assertThat(focused.getAttribute("name")).isEqualTo("name");
    focused.sendKeys("By keyboard");
    var member = browser.driver().findElement(org.openqa.selenium.By.id("f-member-" + rep.id()));
    member.sendKeys(Keys.SPACE);
    assertThat(member.isSelected()).isTrue();
    browser.driver().findElement(org.openqa.selenium.By.id("f-name")).sendKeys(Keys.ENTER);
    browser.waitUntil(ExpectedConditions.urlMatches(".*/settings/routing$"));
    assertThat(browser.testId("rules").getText()).contains("By keyboard");

    JsonNode rule = api.get("/api/v1/routing/rules", manager.token()).json().get("items").get(0);
    assertThat(rule.get("name").asString()).isEqualTo("By keyboard");
    assertThat(rule.get("pool").get("users").get(0).get("userId").asString()).isEqualTo(rep.id().toString());
  }
}
