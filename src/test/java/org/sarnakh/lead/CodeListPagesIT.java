package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.PageClient;
import org.sarnakh.testing.PageClient.Page;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The lead list and custom field settings pages: adding, refusing, switching codes off and on, defining fields. */
@IntegrationTest
class CodeListPagesIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  CodeLists lists;

  User admin;
  PageClient page;

  @BeforeEach
  void signInAnAdministrator() {
    admin = users.create(Role.ADMIN);
    page = new PageClient(port).signIn(admin.email(), admin.password());
  }

  static String newCode() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void addedCodeIsListedWithItsLabelsAndEnglishStandsInForAnEmptyOne() {
    String code = newCode();
    page.get("/settings/lists/industries");

    Page added = page.post("/settings/lists/industries", "code", code, "labels.en", "Fisheries", "labels.fa", "شیلات",
        "labels.ar", "");

    assertThat(added.status()).isEqualTo(302);
    assertThat(added.location()).endsWith("/settings/lists/industries");
    Page list = page.follow(added);
    assertThat(PageClient.text(list.element("div", "flash"))).contains(code);
    assertThat(PageClient.text(list.element("tr", "code-" + code))).isEqualTo(code + " Fisheries شیلات Fisheries فعال غیرفعال کردن");
    assertThat(lists.list("industry", "ar", true)).anySatisfy(c -> {
      assertThat(c.code()).isEqualTo(code);
      assertThat(c.label()).isEqualTo("Fisheries");
    });
  }

  @Test
  void codeInTheWrongFormatIsRefusedInlineAndNothingIsAdded() {
    int before = lists.list("lead_source", "en", true).size();
    page.get("/settings/lists/lead-sources");

    Page refused = page.post("/settings/lists/lead-sources", "code", "Trade Show!", "labels.en", "Trade show");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(PageClient.text(refused.element("div", "error-code")))
        .isEqualTo("فقط حروف کوچک لاتین، رقم و _، با یک حرف در آغاز.");
    assertThat(refused.contains("value=\"Trade Show!\"")).as("what was typed stays").isTrue();
    assertThat(refused.contains("value=\"Trade show\"")).isTrue();
    assertThat(lists.list("lead_source", "en", true)).hasSize(before);
  }

  @Test
  void codeWithoutAnEnglishLabelOrThatExistsIsRefusedInline() {
    page.get("/settings/lists/lost-reasons");

    Page unlabelled = page.post("/settings/lists/lost-reasons", "code", newCode(), "labels.en", " ", "labels.fa", "گران");
    Page duplicate = page.post("/settings/lists/lost-reasons", "code", "no_budget", "labels.en", "No budget again");

    assertThat(unlabelled.status()).isEqualTo(400);
    assertThat(PageClient.text(unlabelled.element("div", "error-labels.en"))).isEqualTo("الزامی است.");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(PageClient.text(duplicate.element("div", "error-code"))).isEqualTo("این کد در فهرست وجود دارد.");
    assertThat(lists.list("lost_reason", "en", true)).noneMatch(c -> c.label().equals("No budget again"));
  }

  @Test
  void deactivatedCodeLeavesTheLeadFormPickerButALeadKeepingItStillShowsItsLabel() {
    String code = newCode();
    page.get("/settings/lists/lead-sources");
    page.post("/settings/lists/lead-sources", "code", code, "labels.en", "Book fair", "labels.fa", "نمایشگاه کتاب",
        "labels.ar", "معرض الكتاب");
    String lead = new Api(port).createLead(admin.token(), Map.of("lastName", "Rahimi", "leadSource", code));
    assertThat(page.get("/leads/new").contains("value=\"" + code + "\"")).isTrue();

    Page deactivated = page.post("/settings/lists/lead-sources/" + code + "/deactivate");

    assertThat(deactivated.status()).isEqualTo(302);
    assertThat(PageClient.text(page.follow(deactivated).element("tr", "code-" + code))).contains("غیرفعال");
    assertThat(page.get("/leads/new").contains("value=\"" + code + "\"")).as("gone from the picker").isFalse();
    assertThat(page.get("/leads/" + lead).contains("نمایشگاه کتاب")).as("the lead still shows its label").isTrue();
    assertThat(lists.list("lead_source", "en", false)).noneMatch(c -> c.code().equals(code));

    page.post("/settings/lists/lead-sources/" + code + "/activate");

    assertThat(page.get("/leads/new").contains("value=\"" + code + "\"")).as("back in the picker").isTrue();
  }

  @Test
  void unknownListOrCodeIsNotFound() {
    assertThat(page.get("/settings/lists/colours").status()).isEqualTo(404);
    page.get("/settings/lists/industries");
    assertThat(page.post("/settings/lists/industries/" + newCode() + "/deactivate").status()).isEqualTo(404);
  }

  @Test
  void definedCustomFieldIsListedAndAppearsOnTheLeadForm() {
    String name = "vip" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    page.get("/settings/custom-fields");

    Page defined = page.post("/settings/custom-fields", "name", name, "label", "VIP level", "type", "TEXT",
        "maxLength", "۴۰");

    assertThat(defined.status()).isEqualTo(302);
    Page list = page.follow(defined);
    assertThat(PageClient.text(list.element("tr", "field-" + name))).isEqualTo(name + " VIP level متن ۴۰");
    assertThat(lists.customFields()).contains(new CodeLists.CustomField(name, "VIP level", "TEXT", 40));
    assertThat(page.get("/leads/new").contains("name=\"customFields." + name + "\"")).isTrue();
  }

  @Test
  void badCustomFieldIsRefusedInlineAndNothingIsDefined() {
    int before = lists.customFields().size();
    page.get("/settings/custom-fields");

    Page refused = page.post("/settings/custom-fields", "name", "Bad name", "label", "", "type", "TEXT",
        "maxLength", "abc");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.contains("data-testid=\"error-name\"")).isTrue();
    assertThat(refused.contains("data-testid=\"error-label\"")).isTrue();
    assertThat(PageClient.text(refused.element("div", "error-maxLength"))).isEqualTo("بین ۱ و ۴٬۰۰۰.");
    assertThat(refused.contains("value=\"Bad name\"")).isTrue();
    assertThat(lists.customFields()).hasSize(before);
  }

  @ParameterizedTest
  @EnumSource(value = Role.class, names = {"MARKETING", "SALES_MANAGER", "SALES_REP"})
  void onlyAdministratorsChangeListsAndFields(Role role) {
    User caller = users.create(role);
    PageClient other = new PageClient(port).signIn(caller.email(), caller.password());
    other.get("/settings/profile");
    String code = newCode();

    assertThat(other.post("/settings/lists/lead-sources", "code", code, "labels.en", "Sneaky").status()).isEqualTo(403);
    assertThat(other.post("/settings/lists/lead-sources/website/deactivate").status()).isEqualTo(403);
    assertThat(other.post("/settings/custom-fields", "name", code, "label", "Sneaky", "type", "TEXT").status())
        .isEqualTo(403);

    assertThat(lists.list("lead_source", "en", true)).noneMatch(c -> c.code().equals(code));
    assertThat(lists.list("lead_source", "en", false)).anyMatch(c -> c.code().equals("website"));
    assertThat(lists.customFields()).noneMatch(f -> f.name().equals(code));
  }
}
