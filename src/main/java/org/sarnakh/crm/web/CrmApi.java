package org.sarnakh.crm.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.sarnakh.crm.Account;
import org.sarnakh.crm.Accounts;
import org.sarnakh.crm.Campaign;
import org.sarnakh.crm.Campaigns;
import org.sarnakh.crm.Contact;
import org.sarnakh.crm.Contacts;
import org.sarnakh.crm.Opportunities;
import org.sarnakh.crm.Opportunity;
import org.sarnakh.crm.Page;
import org.sarnakh.identity.Accessor;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.ApiTime;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/campaigns|accounts|contacts|opportunities}: create, read, and keyset lists newest first. */
@RestController
@RequestMapping("/api/v1")
class CrmApi {

  private final Campaigns campaigns;
  private final Accounts accounts;
  private final Contacts contacts;
  private final Opportunities opportunities;
  private final Accessor access;

  CrmApi(Campaigns campaigns, Accounts accounts, Contacts contacts, Opportunities opportunities, Accessor access) {
    this.campaigns = campaigns;
    this.accounts = accounts;
    this.contacts = contacts;
    this.opportunities = opportunities;
    this.access = access;
  }

  @PostMapping("/campaigns")
  ResponseEntity<Map<String, Object>> createCampaign(@RequestBody Map<String, Object> body) {
    Campaign c = campaigns.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/campaigns/" + c.id())).body(view(c));
  }

  @GetMapping("/campaigns")
  Map<String, Object> campaigns(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor) {
    access.current();
    return page(campaigns.list(limit, cursor), CrmApi::view);
  }

  @GetMapping("/campaigns/{id}")
  Map<String, Object> campaign(@PathVariable UUID id) {
    access.current();
    return view(campaigns.get(id));
  }

  @PostMapping("/accounts")
  ResponseEntity<Map<String, Object>> createAccount(@RequestBody Map<String, Object> body) {
    Account a = accounts.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/accounts/" + a.id())).body(view(a));
  }

  @GetMapping("/accounts")
  Map<String, Object> accounts(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable String q) {
    access.current();
    return page(accounts.list(limit, cursor, q), CrmApi::view);
  }

  @GetMapping("/accounts/{id}")
  ResponseEntity<Map<String, Object>> account(@PathVariable UUID id) {
    access.current();
    Account a = accounts.get(id);
    return tagged(a.version(), view(a));
  }

  @PatchMapping(value = "/accounts/{id}", consumes = {"application/json", "application/merge-patch+json"})
  ResponseEntity<Map<String, Object>> patchAccount(@PathVariable UUID id, @RequestBody Map<String, Object> patch,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    Account a = accounts.update(id, patch, org.sarnakh.platform.web.IfMatch.version(ifMatch, "record"), access.current());
    return tagged(a.version(), view(a));
  }

  @PostMapping("/contacts")
  ResponseEntity<Map<String, Object>> createContact(@RequestBody Map<String, Object> body) {
    Contact c = contacts.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/contacts/" + c.id())).body(view(c));
  }

  @GetMapping("/contacts")
  Map<String, Object> contacts(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable UUID accountId, @RequestParam(required = false) @Nullable String q) {
    access.current();
    return page(contacts.list(limit, cursor, accountId, q), CrmApi::view);
  }

  @GetMapping("/contacts/{id}")
  ResponseEntity<Map<String, Object>> contact(@PathVariable UUID id) {
    access.current();
    Contact c = contacts.get(id);
    return tagged(c.version(), view(c));
  }

  @PatchMapping(value = "/contacts/{id}", consumes = {"application/json", "application/merge-patch+json"})
  ResponseEntity<Map<String, Object>> patchContact(@PathVariable UUID id, @RequestBody Map<String, Object> patch,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    Contact c = contacts.update(id, patch, org.sarnakh.platform.web.IfMatch.version(ifMatch, "record"), access.current());
    return tagged(c.version(), view(c));
  }

  @PostMapping("/opportunities")
  ResponseEntity<Map<String, Object>> createOpportunity(@RequestBody Map<String, Object> body) {
    Opportunity o = opportunities.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/opportunities/" + o.id())).body(view(o));
  }

  @GetMapping("/opportunities")
  Map<String, Object> opportunities(@RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) @Nullable String cursor, @RequestParam(required = false) @Nullable UUID accountId,
      @RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String stage) {
    access.current();
    return page(opportunities.list(limit, cursor, accountId, q, stage), CrmApi::view);
  }

  @GetMapping("/opportunities/{id}")
  ResponseEntity<Map<String, Object>> opportunity(@PathVariable UUID id) {
    access.current();
    Opportunity o = opportunities.get(id);
    return tagged(o.version(), view(o));
  }

  /** Moves a deal between stages, changes its amount …: a merge patch, {@code If-Match} guarding against lost updates. */
  @PatchMapping(value = "/opportunities/{id}", consumes = {"application/json", "application/merge-patch+json"})
  ResponseEntity<Map<String, Object>> patchOpportunity(@PathVariable UUID id, @RequestBody Map<String, Object> patch,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch) {
    Opportunity o = opportunities.update(id, patch, org.sarnakh.platform.web.IfMatch.version(ifMatch, "record"), access.current());
    return tagged(o.version(), view(o));
  }

  @GetMapping("/opportunity-board")
  Map<String, Object> board(@RequestParam(defaultValue = "en") String lang) {
    access.current();
    return Map.of("columns", opportunities.board(lang, 20).stream().map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stage", c.stage().code());
      m.put("label", c.stage().label());
      m.put("count", c.count());
      m.put("sums", c.sums().stream().map(CrmApi::money).toList());
      m.put("cards", c.cards().stream().map(CrmApi::view).toList());
      return m;
    }).toList());
  }

  private static <T> Map<String, Object> page(Page<T> page, Function<T, Map<String, Object>> view) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("items", page.items().stream().map(view).toList());
    m.put("nextCursor", page.nextCursor());
    return m;
  }

  static @Nullable Map<String, String> money(@Nullable Money m) {
    return m == null ? null : Map.of("amount", m.amountString(), "currency", m.currency().getCurrencyCode());
  }

  static Map<String, Object> view(Campaign c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", c.name());
    m.put("type", c.type());
    m.put("status", c.status());
    m.put("startDate", c.startDate() == null ? null : c.startDate().toString());
    m.put("endDate", c.endDate() == null ? null : c.endDate().toString());
    m.put("budget", money(c.budget()));
    m.put("createdAt", ApiTime.format(c.createdAt()));
    return m;
  }

  static Map<String, Object> view(Account a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", a.id());
    m.put("version", a.version());
    m.putAll(a.fields());
    m.put("originLeadId", a.originLeadId());
    m.put("createdAt", ApiTime.format(a.createdAt()));
    return m;
  }

  static Map<String, Object> view(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("version", c.version());
    m.putAll(c.fields());
    m.put("notes", c.notes());
    m.put("originLeadId", c.originLeadId());
    m.put("createdAt", ApiTime.format(c.createdAt()));
    return m;
  }

  static Map<String, Object> view(Opportunity o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("version", o.version());
    m.putAll(o.fields());
    m.put("originLeadId", o.originLeadId());
    m.put("createdAt", ApiTime.format(o.createdAt()));
    return m;
  }

  static ResponseEntity<Map<String, Object>> tagged(long version, Map<String, Object> body) {
    return ResponseEntity.ok().eTag("\"" + version + "\"").body(body);
  }
}
