package org.sarnakh.lead;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /api/v1/leads/export.csv}: format, formula defusing, volume, filters and the round trip back in. */
@IntegrationTest
class LeadExportIT {

  static final String FORMULA = "=HYPERLINK(\"http://evil.example/\",\"click\")";

  @LocalServerPort
  int port;

  @Autowired
  TestUsers users;

  @Autowired
  LeadBulkLoad bulk;

  @Autowired
  LeadCatalog catalog;

  Api api;
  User manager;
  UUID team;

  @BeforeEach
  void setUp() {
    api = new Api(port);
    team = users.team().id();
    manager = users.create(Role.SALES_MANAGER, team);
  }

  record Csv(String raw, List<String> header, List<List<String>> rows) {
    Map<String, String> row(String id) {
      List<String> cells = rows.stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow();
      Map<String, String> m = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        m.put(header.get(i), cells.get(i));
      }
      return m;
    }
  }

  Csv export(String query) throws java.io.IOException {
    var response = api.get("/api/v1/leads/export.csv?" + query, manager.token());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/csv");
    assertThat(response.header("Content-Type")).containsIgnoringCase("charset=UTF-8");
    String body = response.body();
    List<List<String>> records = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(body.substring(1))) {
      reader.forEach(r -> records.add(r.getFields()));
    }
    return new Csv(body, records.get(0), records.subList(1, records.size()));
  }

  @Test
  void exportStartsWithABomAndAHeaderOfApiFieldNamesAndDefusesFormulas() throws Exception {
    String id = api.createLead(manager.token(), Map.of("firstName", FORMULA, "lastName", "-1+1", "title", "@SUM(A1)",
        "accountName", "+98 Trading", "teamId", team.toString(), "address", Map.of("city", "Tehran")));

    Csv csv = export("teamId=" + team);

    assertThat(csv.raw().charAt(0)).isEqualTo('\uFEFF');
    assertThat(csv.header()).startsWith("id", "firstName", "lastName")
        .contains("address.city", "address.country", "socials.linkedin", "opportunityAmount.amount",
            "opportunityAmount.currency", "tags", "customFields", "status", "score.total", "createdAt");
    Map<String, String> row = csv.row(id);
    assertThat(row.get("firstName")).isEqualTo("'" + FORMULA);
    assertThat(row.get("lastName")).isEqualTo("'-1+1");
    assertThat(row.get("title")).isEqualTo("'@SUM(A1)");
    assertThat(row.get("accountName")).isEqualTo("'+98 Trading");
    assertThat(row.get("address.city")).isEqualTo("Tehran");
  }

  @Test
  void exportStreamsThreeThousandLeadsAndMatchesTheListForTheSameFilters() throws Exception {
    List<Lead> batch = new ArrayList<>();
    Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 3000; i++) {
      Lead lead = LeadBulkLoad.build(LeadInput.parse(Map.of("lastName", "Bulk" + i, "teamId", team.toString(),
          "rating", i % 3 == 0 ? "HOT" : "COLD"), catalog), at.minusSeconds(i), manager.id());
      batch.add(lead);
    }
    bulk.insert(batch, new Actor(manager.id(), "export test", Actor.Channel.IMPORT));

    var response = api.get("/api/v1/leads/export.csv?teamId=" + team, manager.token());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Length")).as("streamed, so no length known up front").isNull();
    Csv all = export("teamId=" + team);
    assertThat(all.rows()).hasSize(3000);
    assertThat(all.rows().stream().map(r -> r.get(0)).distinct().count()).isEqualTo(3000);

    Csv hot = export("teamId=" + team + "&rating=HOT");
    List<String> listed = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = api.get("/api/v1/leads?limit=500&teamId=" + team + "&rating=HOT"
          + (cursor == null ? "" : "&cursor=" + cursor), manager.token()).json();
      page.get("items").valueStream().forEach(n -> listed.add(n.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    assertThat(hot.rows().stream().map(r -> r.get(0))).hasSize(1000).containsExactlyInAnyOrderElementsOf(listed);
  }

  @Test
  void exportedRowCreatesAnEqualLeadAgain() throws Exception {
    String customField = "roundTrip" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    User admin = users.create(Role.ADMIN);
    assertThat(api.post("/api/v1/settings/custom-fields", admin.token(), Map.of("name", customField, "label", "Round trip"))
        .status()).isEqualTo(201);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("firstName", FORMULA);
    json.put("lastName", "رضایی‌نژاد");
    json.put("salutation", "Dr.");
    json.put("title", "مدیر فروش");
    json.put("accountName", "فناوران پارس");
    json.put("email", TestData.email());
    json.put("phone", "+982188776655");
    json.put("mobile", TestData.mobile());
    json.put("website", "https://example.com/about");
    json.put("leadSource", "website");
    json.put("rating", "WARM");
    json.put("opportunityAmount", Map.of("amount", "1500000.5", "currency", "IRR"));
    json.put("industry", "technology");
    json.put("subIndustry", "software");
    json.put("referredBy", "Sara, from the expo");
    json.put("ownerId", manager.id().toString());
    json.put("teamId", team.toString());
    json.put("address", Map.of("street", "Valiasr St. 12", "city", "تهران", "state", "Tehran", "postalCode", "1234567890",
        "country", "IR"));
    json.put("socials", Map.of("linkedin", "https://linkedin.com/in/ali", "telegram", "@ali"));
    json.put("description", "first line\nsecond line, with \"quotes\"");
    json.put("companySize", 42);
    json.put("annualRevenue", Map.of("amount", "900", "currency", "USD"));
    json.put("tags", List.of("expo", "vip"));
    json.put("customFields", Map.of(customField, "=1+2"));
    String id = api.createLead(manager.token(), json);
    Csv csv = export("teamId=" + team);

    List<String> cells = csv.rows().stream().filter(r -> r.get(0).equals(id)).findFirst().orElseThrow();
    Map<String, Object> again = LeadCsvRows.toJson(csv.header(), cells);
    // The copy is the same person by definition: the duplicate guard must be told to allow it.
    var created = api.post("/api/v1/leads?onDuplicate=allow", manager.token(), again);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String copy = created.json().get("id").asString();

    assertThat(comparable(api.lead(copy, manager.token()))).isEqualTo(comparable(api.lead(id, manager.token())));
    assertThat(api.lead(copy, manager.token()).get("firstName").asString()).isEqualTo(FORMULA);
  }

  /** A lead without what makes each lead itself: id, version, times and creator. */
  static JsonNode comparable(JsonNode lead) {
    ObjectNode copy = (ObjectNode) lead.deepCopy();
    copy.remove(List.of("id", "version", "createdAt", "updatedAt", "createdBy"));
    return copy;
  }

  @Test
  void xlsxExportHasTheCsvColumnsAndCellsAndNeverAFormula() throws Exception {
    String id = api.createLead(manager.token(), Map.of("firstName", FORMULA, "lastName", "رضایی", "teamId",
        team.toString(), "opportunityAmount", Map.of("amount", "1500000", "currency", "IRR")));
    Csv csv = export("teamId=" + team);

    var response = api.builder("/api/v1/leads/export.xlsx?teamId=" + team, manager.token()).GET().build();
    var bytes = java.net.http.HttpClient.newHttpClient().send(response,
        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.headers().firstValue("Content-Type").orElse("")).isEqualTo(LeadXlsxExport.CONTENT_TYPE);

    try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(new java.io.ByteArrayInputStream(bytes.body()));
        var rows = workbook.getFirstSheet().openStream()) {
      List<org.dhatim.fastexcel.reader.Row> all = rows.toList();
      List<String> header = all.get(0).stream().map(c -> c == null ? "" : c.getText()).toList();
      assertThat(header).isEqualTo(csv.header());
      var row = all.stream().filter(r -> id.equals(r.getCellText(0))).findFirst().orElseThrow();
      int first = header.indexOf("firstName");
      assertThat(row.getCell(first).getType()).isEqualTo(org.dhatim.fastexcel.reader.CellType.STRING);
      assertThat(row.getCellText(first)).as("kept as typed: a string cell is never run").isEqualTo(FORMULA);
      assertThat(row.getCellText(header.indexOf("lastName"))).isEqualTo("رضایی");
      assertThat(row.getCellText(header.indexOf("opportunityAmount.amount")))
          .isEqualTo(csv.row(id).get("opportunityAmount.amount"));
    }
    assertThat(api.get("/api/v1/leads/export.xlsx?limit=1", manager.token()).status()).isEqualTo(400);
  }

  @Test
  void exportRefusesPagingParametersAndUnknownFilters() {
    assertThat(api.get("/api/v1/leads/export.csv?limit=10", manager.token()).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/leads/export.csv?planet=mars", manager.token()).status()).isEqualTo(400);
  }
}
