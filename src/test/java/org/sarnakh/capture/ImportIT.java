package org.sarnakh.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sarnakh.capture.Uploads.errors;
import static org.sarnakh.capture.Uploads.importAndWait;
import static org.sarnakh.capture.Uploads.upload;
import static org.sarnakh.capture.Uploads.utf8;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sarnakh.identity.Role;
import org.sarnakh.testing.Api;
import org.sarnakh.testing.IntegrationTest;
import org.sarnakh.testing.TestData;
import org.sarnakh.testing.TestUsers;
import org.sarnakh.testing.TestUsers.User;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/imports} over real HTTP: every field mapped, headers suggested in three languages,
 * encodings and separators, duplicates in both modes, the error report, every kind of bad file,
 * roles, the export's round trip and XLSX.
 */
@IntegrationTest
class ImportIT {

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  Api api;
  User admin;
  User manager;
  UUID team;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    admin = users.create(Role.ADMIN);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
  }

  /** One CSV line, each cell quoted, quotes doubled. */
  static String csvLine(List<String> cells) {
    return cells.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").collect(Collectors.joining(",")) + "\n";
  }

  static String tag() {
    return "imp-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The leads carrying a tag, by last name. */
  Map<String, JsonNode> tagged(String tag) {
    JsonNode page = api.get("/api/v1/leads?limit=500&tag=" + tag, admin.token()).json();
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    page.get("items").valueStream().forEach(l -> byName.put(l.get("lastName").asString(""), l));
    return byName;
  }

  String customField(String prefix, String type) {
    String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 6);
    var r = api.post("/api/v1/settings/custom-fields", admin.token(), Map.of("name", name, "label", name, "type", type));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return name;
  }

  @Test
  void importsEveryMappedFieldWithPersianAndArabicDataAndRecordsItInEachLeadsHistory() {
    String tag = tag();
    String text = customField("grade", "TEXT");
    String flag = customField("vip", "BOOLEAN");
    String number = customField("seats", "NUMBER");
    String campaign = api.post("/api/v1/campaigns", admin.token(), Map.of("name", "Expo " + tag)).json().get("id").asString();
    String email1 = TestData.email().toUpperCase();
    String email2 = TestData.email();
    String mobile1 = TestData.mobile();
    List<String> header = List.of("نام", "نام خانوادگی", "ایمیل", "تلفن همراه", "تلفن", "شرکت", "Salutation", "سمت",
        "Website", "Source", "Rating", "Amount", "Currency", "Industry", "Sub industry", "Referred by", "External id",
        "Campaign", "Owner", "Team", "Street", "City", "State", "Postal code", "Country", "LinkedIn", "Twitter",
        "Instagram", "Telegram", "WhatsApp", "Notes", "Employees", "Revenue", "Revenue currency", "Tags", "Grade",
        "VIP", "Seats");
    List<String> targets = List.of("firstName", "lastName", "email", "mobile", "phone", "accountName", "salutation",
        "title", "website", "leadSource", "rating", "opportunityAmount.amount", "opportunityAmount.currency",
        "industry", "subIndustry", "referredBy", "externalId", "campaignId", "ownerId", "teamId", "address.street",
        "address.city", "address.state", "address.postalCode", "address.country", "socials.linkedin",
        "socials.twitter", "socials.instagram", "socials.telegram", "socials.whatsapp", "description", "companySize",
        "annualRevenue.amount", "annualRevenue.currency", "tags", "customFields." + text, "customFields." + flag,
        "customFields." + number);
    Map<String, String> mapping = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      mapping.put(header.get(i), targets.get(i));
    }
    String ext = "crm-" + UUID.randomUUID();
    String landline = "88" + (100000 + new java.util.Random().nextInt(899999));
    List<String> ali = List.of("علی", "رضایی‌نژاد", email1, TestData.persianDigits(mobile1),
        TestData.persianDigits("021 " + landline.substring(0, 4) + " " + landline.substring(4)),
        "فناوران پارس", "آقای", "مدیر فروش", "https://example.com/about", "WEBSITE", "hot", "1500000", "IRR",
        "technology", "software", "Sara, from the expo", ext, campaign, manager.id().toString(), team.toString(),
        "خیابان ولیعصر، پلاک ۱۲", "تهران", "تهران", "1234567890", "ایران", "https://linkedin.com/in/ali", "@ali",
        "ali.ir", "@ali_t", "+989121234567", "خط اول\nخط دوم", "۴۲", "900", "USD", "expo; vip", "A+", "بله", "12");
    List<String> ahmad = new ArrayList<>(java.util.Collections.nCopies(header.size(), ""));
    ahmad.set(0, "أحمد");
    ahmad.set(1, "الحسيني");
    ahmad.set(2, email2);
    ahmad.set(4, "+97150" + (1000000 + new java.util.Random().nextInt(8999999)));
    ahmad.set(5, "شركة النور للتجارة");
    ahmad.set(7, "مدير المبيعات");
    ahmad.set(9, "referral");
    ahmad.set(10, "WARM");
    ahmad.set(13, "finance");
    ahmad.set(21, "دبي");
    ahmad.set(24, "الإمارات");
    ahmad.set(35, "B");
    ahmad.set(36, "no");
    ahmad.set(37, "3.5");
    String csv = csvLine(header) + csvLine(ali) + csvLine(ahmad);

    JsonNode done = importAndWait(api, manager.token(), utf8(csv), "leads-fa-ar.csv",
        Map.of("mapping", mapping, "defaults", Map.of("tags", List.of(tag))));

    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.get("total").asLong()).isEqualTo(2);
    assertThat(done.get("processed").asLong()).isEqualTo(2);
    assertThat(done.get("created").asLong()).as(done.toString()).isEqualTo(2);
    assertThat(done.get("failed").asLong()).isZero();
    assertThat(done.get("fileName").asString()).isEqualTo("leads-fa-ar.csv");
    assertThat(done.get("encoding").asString()).isEqualTo("UTF-8");
    assertThat(done.get("delimiter").asString()).isEqualTo(",");
    assertThat(done.get("startedAt").isNull()).isFalse();
    assertThat(done.get("finishedAt").isNull()).isFalse();

    Map<String, JsonNode> leads = tagged(tag);
    assertThat(leads).containsOnlyKeys("رضایی‌نژاد", "الحسيني");
    JsonNode aliLead = leads.get("رضایی‌نژاد");
    assertThat(aliLead.get("firstName").asString()).isEqualTo("علی");
    assertThat(aliLead.get("email").asString()).isEqualTo(email1.toLowerCase());
    assertThat(aliLead.get("mobile").asString()).isEqualTo(TestData.e164(mobile1));
    assertThat(aliLead.get("phone").asString()).isEqualTo("+9821" + landline);
    assertThat(aliLead.get("accountName").asString()).isEqualTo("فناوران پارس");
    assertThat(aliLead.get("salutation").asString()).isEqualTo("آقای");
    assertThat(aliLead.get("title").asString()).isEqualTo("مدیر فروش");
    assertThat(aliLead.get("website").asString()).isEqualTo("https://example.com/about");
    assertThat(aliLead.get("leadSource").asString()).isEqualTo("website");
    assertThat(aliLead.get("rating").asString()).isEqualTo("HOT");
    assertThat(aliLead.get("opportunityAmount").get("amount").asString()).isEqualTo("1500000");
    assertThat(aliLead.get("opportunityAmount").get("currency").asString()).isEqualTo("IRR");
    assertThat(aliLead.get("industry").asString()).isEqualTo("technology");
    assertThat(aliLead.get("subIndustry").asString()).isEqualTo("software");
    assertThat(aliLead.get("referredBy").asString()).isEqualTo("Sara, from the expo");
    assertThat(aliLead.get("externalId").asString()).isEqualTo(ext);
    assertThat(aliLead.get("campaignId").asString()).isEqualTo(campaign);
    assertThat(aliLead.get("ownerId").asString()).isEqualTo(manager.id().toString());
    assertThat(aliLead.get("status").asString()).isEqualTo("ASSIGNED");
    assertThat(aliLead.get("teamId").asString()).isEqualTo(team.toString());
    assertThat(aliLead.get("address").get("street").asString()).isEqualTo("خیابان ولیعصر، پلاک ۱۲");
    assertThat(aliLead.get("address").get("city").asString()).isEqualTo("تهران");
    assertThat(aliLead.get("address").get("postalCode").asString()).isEqualTo("1234567890");
    assertThat(aliLead.get("address").get("country").asString()).isEqualTo("IR");
    assertThat(aliLead.get("socials").get("telegram").asString()).isEqualTo("@ali_t");
    assertThat(aliLead.get("socials").get("whatsapp").asString()).isEqualTo("+989121234567");
    assertThat(aliLead.get("description").asString()).isEqualTo("خط اول\nخط دوم");
    assertThat(aliLead.get("companySize").asInt()).isEqualTo(42);
    assertThat(aliLead.get("annualRevenue").get("currency").asString()).isEqualTo("USD");
    assertThat(aliLead.get("tags").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("expo", "vip", tag);
    assertThat(aliLead.get("customFields").get(text).asString()).isEqualTo("A+");
    assertThat(aliLead.get("customFields").get(flag).asString()).isEqualTo("true");
    assertThat(aliLead.get("customFields").get(number).asString()).isEqualTo("12");
    JsonNode ahmadLead = leads.get("الحسيني");
    assertThat(ahmadLead.get("accountName").asString()).isEqualTo("شركة النور للتجارة");
    assertThat(ahmadLead.get("address").get("country").asString()).isEqualTo("AE");
    assertThat(ahmadLead.get("customFields").get(flag).asString()).isEqualTo("false");
    assertThat(ahmadLead.get("customFields").get(number).asString()).isEqualTo("3.5");
    assertThat(ahmadLead.get("status").asString()).isEqualTo("NEW");

    JsonNode history = api.get("/api/v1/leads/" + aliLead.get("id").asString() + "/history", admin.token()).json().get("items");
    assertThat(history.valueStream().filter(h -> h.get("field").asString().equals("created"))).singleElement()
        .satisfies(h -> {
          assertThat(h.get("via").asString()).isEqualTo("IMPORT");
          assertThat(h.get("actor").get("id").asString()).isEqualTo(manager.id().toString());
          assertThat(h.get("actor").get("name").asString()).contains("leads-fa-ar.csv");
        });
    JsonNode timeline = api.get("/api/v1/leads/" + aliLead.get("id").asString() + "/timeline", admin.token()).json();
    assertThat(timeline.toString()).contains("created via IMPORT");
  }

  @Test
  void suggestsTheMappingFromPersianArabicAndEnglishHeaders() {
    String tag = tag();
    String persian = "نام,نام خانوادگی,ایمیل,تلفن همراه,شرکت,یادداشت بی‌ربط\n"
        + "سارا,کریمی," + TestData.email() + "," + TestData.mobile() + ",پخش البرز,x\n";
    JsonNode fa = importAndWait(api, manager.token(), utf8(persian), "fa.csv", Uploads.tagged(tag));
    assertThat(fa.get("mapping").properties().stream().collect(Collectors.toMap(Map.Entry::getKey,
        e -> e.getValue().asString()))).containsExactlyInAnyOrderEntriesOf(Map.of("نام", "firstName",
        "نام خانوادگی", "lastName", "ایمیل", "email", "تلفن همراه", "mobile", "شرکت", "accountName",
        "یادداشت بی‌ربط", ""));
    assertThat(fa.get("created").asLong()).isEqualTo(1);

    String arabic = "الاسم,اسم العائلة,البريد الإلكتروني,الهاتف,الشركة\n"
        + "ليلى,الهاشمي," + TestData.email() + ",+97150" + (1000000 + new java.util.Random().nextInt(8999999))
        + ",مجموعة الفجر\n";
    JsonNode ar = importAndWait(api, manager.token(), utf8(arabic), "ar.csv", Uploads.tagged(tag));
    assertThat(ar.get("mapping").get("الاسم").asString()).isEqualTo("firstName");
    assertThat(ar.get("mapping").get("البريد الإلكتروني").asString()).isEqualTo("email");
    assertThat(ar.get("mapping").get("الهاتف").asString()).isEqualTo("phone");
    assertThat(ar.get("mapping").get("الشركة").asString()).isEqualTo("accountName");

    String english = "First Name;Last name;E-mail;Mobile phone;Company;City\n"
        + "Emma;Wilson;" + TestData.email() + ";" + TestData.mobile() + ";Acme Robotics;London\n";
    JsonNode en = importAndWait(api, manager.token(), utf8(english), "en.csv", Uploads.tagged(tag));
    assertThat(en.get("delimiter").asString()).isEqualTo(";");
    assertThat(en.get("mapping").get("E-mail").asString()).isEqualTo("email");
    assertThat(en.get("mapping").get("City").asString()).isEqualTo("address.city");
    assertThat(tagged(tag)).containsOnlyKeys("کریمی", "الهاشمي", "Wilson");
  }

  /** One file in each encoding and separator, with a multi-line quoted cell and a bad row after it. */
  @Test
  void readsUtf8WithAndWithoutBomUtf16AndWindows1256WithAnySeparator() throws Exception {
    record Variant(String name, Charset charset, byte[] bom, String delimiter) {}
    List<Variant> variants = List.of(
        new Variant("utf8", StandardCharsets.UTF_8, new byte[0], ","),
        new Variant("utf8-bom", StandardCharsets.UTF_8, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, ";"),
        new Variant("utf16le-bom", StandardCharsets.UTF_16LE, new byte[] {(byte) 0xFF, (byte) 0xFE}, "\t"),
        new Variant("utf16be-bom", StandardCharsets.UTF_16BE, new byte[] {(byte) 0xFE, (byte) 0xFF}, ","),
        new Variant("windows-1256", Charset.forName("windows-1256"), new byte[0], ";"));
    for (Variant v : variants) {
      String tag = tag();
      String d = v.delimiter();
      // Arabic yeh (ي), as Persian text saved in Windows-1256 has it: the code page has no Farsi yeh.
      String text = String.join(d, "نام", "نام خانوادگي", "ايميل", "توضيحات") + "\r\n"
          + String.join(d, "مژگان", "کاظم-" + v.name(), TestData.email(), "\"سطر يک\r\nسطر دو\"") + "\r\n"
          + String.join(d, "زهرا", "بد", "نه-ايميل", "x") + "\r\n";
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      bytes.write(v.bom());
      bytes.write(text.getBytes(v.charset()));

      JsonNode done = importAndWait(api, manager.token(), bytes.toByteArray(), v.name() + ".csv", Uploads.tagged(tag));

      assertThat(done.get("created").asLong()).as(v.name() + ": " + done).isEqualTo(1);
      assertThat(done.get("failed").asLong()).as(v.name()).isEqualTo(1);
      assertThat(done.get("delimiter").asString()).as(v.name()).isEqualTo(d);
      assertThat(done.get("encoding").asString()).as(v.name()).isEqualTo(v.charset().name());
      JsonNode lead = tagged(tag).get("کاظم-" + v.name());
      assertThat(lead).as(v.name()).isNotNull();
      assertThat(lead.get("firstName").asString()).isEqualTo("مژگان");
      assertThat(lead.get("description").asString()).isEqualTo("سطر يک\r\nسطر دو");
      List<List<String>> errors = errors(api, manager.token(), done.get("id").asString());
      assertThat(errors.get(0)).containsExactly("line", "field", "reason", "نام", "نام خانوادگي", "ايميل", "توضيحات");
      // The header is line 1, the first record spans lines 2 and 3: the bad one starts on line 4.
      assertThat(errors.get(1).subList(0, 2)).as(v.name()).containsExactly("4", "email");
      assertThat(errors.get(1).subList(3, 7)).containsExactly("زهرا", "بد", "نه-ايميل", "x");
    }
  }

  @Test
  void detectsWindows1256EvenWhenTheFirstMegabyteIsPlainAscii() throws Exception {
    String tag = tag();
    StringBuilder csv = new StringBuilder("firstName,lastName,email\n");
    int ascii = 0;
    while (csv.length() < 1_100_000) {
      csv.append(",Filler").append(ascii++).append(',').append("filler-").append(UUID.randomUUID()).append("@example.com\n");
    }
    csv.append("کاوه,نوروز,").append(TestData.email()).append('\n');

    JsonNode done = importAndWait(api, admin.token(), csv.toString().getBytes("windows-1256"), "late-persian.csv",
        Uploads.tagged(tag));

    assertThat(done.get("encoding").asString()).isEqualTo("windows-1256");
    assertThat(done.get("created").asLong()).isEqualTo(ascii + 1);
    assertThat(tagged(tag).get("نوروز").get("firstName").asString()).isEqualTo("کاوه");
  }

  @Test
  void createOnlySkipsDuplicatesOfStoredLeadsAndContactsAndOfEarlierRowsOfTheFile() {
    String tag = tag();
    String storedEmail = TestData.email();
    String storedMobile = TestData.mobile();
    api.createLead(admin.token(), Map.of("lastName", "Stored", "email", storedEmail));
    api.createLead(admin.token(), Map.of("lastName", "StoredPhone", "mobile", storedMobile));
    String contactEmail = TestData.email();
    String account = api.post("/api/v1/accounts", admin.token(), Map.of("name", "Acct " + tag)).json().get("id").asString();
    assertThat(api.post("/api/v1/contacts", admin.token(), Map.of("lastName", "Contact", "email", contactEmail,
        "accountId", account)).status()).isIn(200, 201);
    String repeated = TestData.email();
    String csv = "lastName,email,mobile\n"
        + "SameEmail," + storedEmail.toUpperCase() + ",\n"
        + "SamePhone,," + TestData.e164(storedMobile) + "\n"
        + "SameAsContact," + contactEmail + ",\n"
        + "First," + repeated + ",\n"
        + "Repeat, " + repeated.toUpperCase() + " ,\n"
        + "New," + TestData.email() + ",\n";

    JsonNode done = importAndWait(api, admin.token(), utf8(csv), "dups.csv", Uploads.tagged(tag));

    assertThat(done.get("created").asLong()).as(done.toString()).isEqualTo(2);
    assertThat(done.get("skipped").asLong()).isEqualTo(4);
    assertThat(done.get("updated").asLong()).isZero();
    assertThat(tagged(tag)).containsOnlyKeys("First", "New");
  }

  @Test
  void upsertUpdatesTheMatchingLeadsFieldByFieldAndKeepsWhatARowLeavesEmpty() {
    String tag = tag();
    String email = TestData.email();
    String id = api.createLead(manager.token(), Map.of("firstName", "Old", "lastName", "Upsert", "email", email,
        "title", "Keep me", "tags", List.of("old"), "teamId", team.toString()));
    String newMobile = TestData.mobile();
    String inFile = TestData.email();
    String csv = "firstName,lastName,email,mobile,title,tags\n"
        + "New,Upsert," + email + "," + newMobile + ",,fresh\n"
        + "Twice,InFile," + inFile + ",,,\n"
        + ",InFile," + inFile + ",,CEO,\n";

    JsonNode done = importAndWait(api, manager.token(), utf8(csv), "upsert.csv",
        Map.of("mode", "UPSERT", "matchBy", List.of("email"), "defaults", Map.of("tags", List.of(tag))));

    assertThat(done.get("updated").asLong()).as(done.toString()).isEqualTo(2);
    assertThat(done.get("created").asLong()).isEqualTo(1);
    JsonNode lead = api.lead(id, manager.token());
    assertThat(lead.get("firstName").asString()).isEqualTo("New");
    assertThat(lead.get("mobile").asString()).isEqualTo(TestData.e164(newMobile));
    assertThat(lead.get("title").asString()).isEqualTo("Keep me");
    assertThat(lead.get("tags").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("old", "fresh", tag);
    assertThat(lead.get("version").asLong()).isEqualTo(1);
    JsonNode history = api.get("/api/v1/leads/" + id + "/history", manager.token()).json().get("items");
    Map<String, JsonNode> byField = new LinkedHashMap<>();
    history.valueStream().filter(h -> h.get("via").asString().equals("IMPORT")).forEach(h -> byField.put(h.get("field").asString(), h));
    assertThat(byField).containsOnlyKeys("firstName", "mobile", "tags");
    assertThat(byField.get("firstName").get("oldValue").asString()).isEqualTo("Old");
    assertThat(byField.get("firstName").get("newValue").asString()).isEqualTo("New");
    JsonNode twice = tagged(tag).get("InFile");
    assertThat(twice.get("firstName").asString()).isEqualTo("Twice");
    assertThat(twice.get("title").asString()).isEqualTo("CEO");
  }

  @Test
  void badRowsAreReportedWithTheirLineFieldAndReasonWhileGoodRowsLand() {
    String tag = tag();
    String formula = "=cmd|' /C calc'!A0";
    String script = "<script>alert(1)</script>";
    String csv = "firstName,lastName,email,mobile,rating,companySize,website\n"
        + formula + "," + script + "," + TestData.email() + ",,,,\n"
        + "Bad,Email,not-an-email,,,,\n"
        + "Bad,Phone,," + "0912abc" + ",,,\n"
        + "Bad,Many,nope,12,LUKEWARM,lots,\n"
        + "Bidi,\u202Eevil," + TestData.email() + ",,,,\n"
        + "Short,Row\n"
        + ",,,,,,\n"
        + "Ok,Last," + TestData.email() + ",,,,https://ok.example\n";

    JsonNode done = importAndWait(api, admin.token(), utf8(csv), "bad rows.csv", Uploads.tagged(tag));

    assertThat(done.get("created").asLong()).as(done.toString()).isEqualTo(2);
    assertThat(done.get("failed").asLong()).isEqualTo(5);
    assertThat(done.get("processed").asLong()).isEqualTo(7);
    assertThat(done.get("total").asLong()).isEqualTo(7);
    Map<String, JsonNode> leads = tagged(tag);
    assertThat(leads).containsOnlyKeys(script, "Last");
    assertThat(leads.get(script).get("firstName").asString()).as("stored as typed").isEqualTo(formula);
    List<List<String>> errors = errors(api, admin.token(), done.get("id").asString());
    assertThat(errors).hasSize(6);
    assertThat(errors.get(1).subList(0, 2)).containsExactly("3", "email");
    assertThat(errors.get(1).get(2)).contains("not an email");
    assertThat(errors.get(2).subList(0, 2)).containsExactly("4", "mobile");
    assertThat(errors.get(3).subList(0, 2)).containsExactly("5", "email, mobile, rating, companySize");
    assertThat(errors.get(3).get(2)).contains("rating: one of HOT, WARM, COLD");
    assertThat(errors.get(4).subList(0, 2)).containsExactly("6", "lastName");
    assertThat(errors.get(4).get(2)).contains("bidirectional");
    assertThat(errors.get(5).subList(0, 3)).containsExactly("7", "row", "has 2 cells; the header has 7");

    var export = api.get("/api/v1/leads/export.csv?tag=" + tag, admin.token());
    assertThat(export.body()).contains("'" + formula).contains(script);
  }

  @Test
  void aHugeCellIsRefusedWithItsRowAndCutInTheReport() {
    String tag = tag();
    String huge = "x".repeat(10 * 1024 * 1024);
    String csv = "firstName,lastName,email\nHuge," + huge + "," + TestData.email() + "\nFine,Row," + TestData.email() + "\n";

    JsonNode done = importAndWait(api, admin.token(), utf8(csv), "huge.csv", Uploads.tagged(tag));

    assertThat(done.get("created").asLong()).isEqualTo(1);
    assertThat(done.get("failed").asLong()).isEqualTo(1);
    List<List<String>> errors = errors(api, admin.token(), done.get("id").asString());
    assertThat(errors.get(1).subList(0, 3)).containsExactly("2", "lastName", "at most 100 characters");
    assertThat(errors.get(1).get(4).length()).isLessThanOrEqualTo(32_000);
  }

  @Test
  void anUnclosedQuoteStopsTheReadingAtItsLineAndKeepsTheRowsBefore() {
    String tag = tag();
    String csv = "lastName,email\nBefore," + TestData.email() + "\n\"Unclosed,x\nAfter," + TestData.email() + "\n";

    JsonNode done = importAndWait(api, admin.token(), utf8(csv), "unclosed.csv", Uploads.tagged(tag));

    assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(done.get("created").asLong()).isEqualTo(1);
    assertThat(done.get("failed").asLong()).isEqualTo(1);
    assertThat(done.get("stoppedAtLine").asLong()).isEqualTo(3);
    assertThat(tagged(tag)).containsOnlyKeys("Before");
    List<List<String>> errors = errors(api, admin.token(), done.get("id").asString());
    assertThat(errors.get(1).subList(0, 2)).containsExactly("3", "file");
    assertThat(errors.get(1).get(2)).contains("never closed");
  }

  @Test
  void bytesThatAreNotTheNamedEncodingRefuseTheirRows() {
    String tag = tag();
    byte[] persian1256 = ("lastName,email\nکاظم," + TestData.email() + "\n").getBytes(Charset.forName("windows-1256"));
    byte[] ascii = ("Plain," + TestData.email() + "\n").getBytes(StandardCharsets.US_ASCII);
    byte[] file = new byte[persian1256.length + ascii.length];
    System.arraycopy(persian1256, 0, file, 0, persian1256.length);
    System.arraycopy(ascii, 0, file, persian1256.length, ascii.length);

    JsonNode done = importAndWait(api, admin.token(), file, "wrong.csv",
        Map.of("encoding", "UTF-8", "defaults", Map.of("tags", List.of(tag))));

    assertThat(done.get("created").asLong()).isEqualTo(1);
    assertThat(done.get("failed").asLong()).isEqualTo(1);
    List<List<String>> errors = errors(api, admin.token(), done.get("id").asString());
    assertThat(errors.get(1).subList(0, 2)).containsExactly("2", "lastName");
    assertThat(errors.get(1).get(2)).contains("not valid UTF-8");
  }

  @Test
  void filesThatCannotBeImportedAtAllAreRefusedAtUpload() {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    assertRefused(upload(api, admin.token(), new byte[0], "empty.csv", null), "file", "empty");
    assertRefused(upload(api, admin.token(), utf8("\n\n  \n"), "blank.csv", null), "file", "empty");
    assertRefused(upload(api, admin.token(), utf8("firstName,lastName\n"), "header.csv", null), "file", "no rows");
    assertRefused(upload(api, admin.token(), junk, "junk.csv", null), "file", "not text");
    assertRefused(upload(api, admin.token(), new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
        (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0}, "old.xls", null), "file", ".xls");
    assertRefused(upload(api, admin.token(), new byte[] {'P', 'K', 3, 4, 1, 2, 3}, "broken.xlsx", null), "file", "XLSX");
    byte[] ok = utf8("Name,Mail\nA,a@example.com\n");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("mapping", Map.of("Name", "nickname"))),
        "options.mapping.Name", "unknown lead field 'nickname'");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("mapping", Map.of("Nope", "email"))),
        "options.mapping.Nope", "no column");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("mapping", Map.of("Name", "status"))),
        "options.mapping.Name", "read-only");
    Map<String, String> twice = new LinkedHashMap<>();
    twice.put("Name", "email");
    twice.put("Mail", "email");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("mapping", twice)), "options.mapping.Mail",
        "already mapped");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("mapping", Map.of("Name", "customFields.nope"))),
        "options.mapping.Name", "unknown custom field");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("mode", "MERGE")), "options.mode", "CREATE_ONLY");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("matchBy", List.of("name"))), "options.matchBy", "email");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("encoding", "klingon")), "options.encoding", "UTF-8");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("delimiter", "|")), "options.delimiter", "auto");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("defaults", Map.of("leadSource", "moon"))),
        "options.defaults.leadSource", "unknown code");
    assertRefused(upload(api, admin.token(), ok, "t.csv", Map.of("planet", "mars")), "options.planet", "unknown option");
    assertRefused(upload(api, admin.token(), ok, "t.csv", "{not json"), "options", "not a JSON object");
    assertRefused(upload(api, admin.token(), utf8("Colour,Taste\nred,sweet\n"), "t.csv", null), "options.mapping",
        "no column is mapped");
    var noFile = api.send(api.builder("/api/v1/imports", admin.token()).header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(noFile.status()).isEqualTo(415);
  }

  @Test
  void anUploadDeclaringMoreThanTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      var out = socket.getOutputStream();
      out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin.token()
          + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: 3000000000\r\n\r\n--x\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // The body that was announced is never sent: the answer must come before it, whole.
      StringBuilder answer = new StringBuilder();
      var in = socket.getInputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        answer.append((char) b);
        if (answer.indexOf("\r\n\r\n") > 0 && b == '}') {
          break;
        }
      }
      assertThat(answer.toString()).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("payload-too-large")
          .contains("at most 2048 MB");
    }
  }

  void assertRefused(Api.Response r, String field, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.header("Content-Type")).startsWith("application/problem+json");
    JsonNode error = r.json().get("errors").valueStream().filter(e -> e.get("field").asString().equals(field))
        .findFirst().orElseThrow(() -> new AssertionError("no error for " + field + " in " + r.body()));
    assertThat(error.get("message").asString()).contains(message);
  }

  @Test
  void importsAreForAdminsMarketingAndManagersAndVisibleToTheirStarterAndAdmins() {
    byte[] file = utf8("lastName,email\nRoles," + TestData.email() + "\n");
    User rep = users.create(Role.SALES_REP, team);
    User marketing = users.create(Role.MARKETING);
    assertThat(upload(api, rep.token(), file, "rep.csv", null).status()).isEqualTo(403);
    assertThat(upload(api, null, file, "anon.csv", null).status()).isEqualTo(401);

    JsonNode done = importAndWait(api, marketing.token(), file, "mine.csv", null);
    String id = done.get("id").asString();
    assertThat(api.get("/api/v1/imports/" + id, marketing.token()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/imports/" + id, admin.token()).status()).isEqualTo(200);
    assertThat(api.get("/api/v1/imports/" + id, manager.token()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/imports/" + id + "/errors.csv", manager.token()).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/imports/" + id + "/cancel", manager.token(), null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/imports/" + id, rep.token()).status()).isEqualTo(403);
    assertThat(api.get("/api/v1/jobs/" + id, marketing.token()).json().get("kind").asString()).isEqualTo("lead-import");
    JsonNode list = api.get("/api/v1/imports?limit=100", marketing.token()).json();
    assertThat(list.get("items").valueStream().map(i -> i.get("id").asString())).contains(id);
    assertThat(api.get("/api/v1/imports?limit=100", manager.token()).json().get("items").valueStream()
        .map(i -> i.get("id").asString())).doesNotContain(id);
  }

  @Test
  void aRepeatedUploadWithTheSameIdempotencyKeyAnswersTheFirstImport() {
    String tag = tag();
    byte[] file = utf8("lastName,email\nOnce," + TestData.email() + "\n");
    Uploads.Multipart m = Uploads.multipart(file, "once.csv", Uploads.tagged(tag));
    String key = "import-" + UUID.randomUUID();
    java.util.function.Supplier<Api.Response> post = () -> api.send(api.builder("/api/v1/imports", admin.token())
        .header("Content-Type", m.contentType()).header("Idempotency-Key", key)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(m.body())).build());

    Api.Response first = post.get();
    Api.Response again = post.get();

    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
    assertThat(again.header("Location")).isEqualTo(first.header("Location"));
    Uploads.await(api, admin.token(), first.json().get("id").asString());
    assertThat(tagged(tag)).containsOnlyKeys("Once");
  }

  @Test
  void anExportImportsBackAsEqualLeads() {
    String tag = tag();
    String source = tag();
    String custom = customField("rt", "TEXT");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("firstName", "=HYPERLINK(\"http://evil.example/\",\"click\")");
    json.put("lastName", "رضایی " + source);
    json.put("email", TestData.email());
    json.put("mobile", TestData.mobile());
    json.put("accountName", "+98 Trading");
    json.put("rating", "WARM");
    json.put("opportunityAmount", Map.of("amount", "1500000.5", "currency", "IRR"));
    json.put("address", Map.of("city", "تهران", "country", "IR"));
    json.put("description", "first line\nsecond, \"quoted\"");
    json.put("companySize", 42);
    json.put("tags", List.of(source, "vip"));
    json.put("customFields", Map.of(custom, "=1+2"));
    json.put("teamId", team.toString());
    String id = api.createLead(manager.token(), json);
    var export = api.get("/api/v1/leads/export.csv?tag=" + source, manager.token());
    assertThat(export.status()).isEqualTo(200);
    // The copy is the same person by definition: a second tag tells it apart, and the mode must allow it.
    api.delete("/api/v1/leads/" + id, admin.token());

    JsonNode done = importAndWait(api, admin.token(), export.body().getBytes(StandardCharsets.UTF_8), "export.csv",
        Map.of("defaults", Map.of("tags", List.of(tag))));

    assertThat(done.get("created").asLong()).as(done.toString()).isEqualTo(1);
    JsonNode copy = tagged(tag).get("رضایی " + source);
    api.post("/api/v1/leads/" + id + "/restore", admin.token(), null);
    JsonNode original = api.lead(id, admin.token());
    for (String field : List.of("firstName", "email", "mobile", "accountName", "rating", "opportunityAmount", "address",
        "description", "companySize", "customFields", "teamId")) {
      assertThat(copy.get(field)).as(field).isEqualTo(original.get(field));
    }
    assertThat(copy.get("tags").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder(source, "vip", tag);
  }

  @Test
  void importsTheFirstSheetOfAnXlsxWorkbook() throws Exception {
    String tag = tag();
    String email = TestData.email();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var wb = new org.dhatim.fastexcel.Workbook(out, "Sarnakh test", "1.0")) {
      var ws = wb.newWorksheet("Leads");
      List<String> header = List.of("نام", "نام خانوادگی", "ایمیل", "موبایل", "تعداد کارکنان");
      for (int c = 0; c < header.size(); c++) {
        ws.value(0, c, header.get(c));
      }
      ws.value(1, 0, "نیلوفر");
      ws.value(1, 1, "یزدانی");
      ws.value(1, 2, email);
      ws.value(1, 3, 9121234567L + new java.util.Random().nextInt(100000));
      ws.value(1, 4, 250);
      ws.value(3, 1, "بدون ایمیل");
      ws.value(3, 2, "bad@");
    }

    JsonNode done = importAndWait(api, admin.token(), out.toByteArray(), "leads.xlsx", Uploads.tagged(tag));

    assertThat(done.get("format").asString()).isEqualTo("XLSX");
    assertThat(done.get("created").asLong()).as(done.toString()).isEqualTo(1);
    assertThat(done.get("failed").asLong()).isEqualTo(1);
    JsonNode lead = tagged(tag).get("یزدانی");
    assertThat(lead.get("mobile").asString()).startsWith("+98912");
    assertThat(lead.get("companySize").asInt()).isEqualTo(250);
    List<List<String>> errors = errors(api, admin.token(), done.get("id").asString());
    assertThat(errors.get(1).subList(0, 2)).containsExactly("4", "email");
  }
}
