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
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
  Map<String, Object> accounts(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor) {
    access.current();
    return page(accounts.list(limit, cursor), CrmApi::view);
  }

  @GetMapping("/accounts/{id}")
  Map<String, Object> account(@PathVariable UUID id) {
    access.current();
    return view(accounts.get(id));
  }

  @PostMapping("/contacts")
  ResponseEntity<Map<String, Object>> createContact(@RequestBody Map<String, Object> body) {
    Contact c = contacts.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/contacts/" + c.id())).body(view(c));
  }

  @GetMapping("/contacts")
  Map<String, Object> contacts(@RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor,
      @RequestParam(required = false) @Nullable UUID accountId) {
    access.current();
    return page(contacts.list(limit, cursor, accountId), CrmApi::view);
  }

  @GetMapping("/contacts/{id}")
  Map<String, Object> contact(@PathVariable UUID id) {
    access.current();
    return view(contacts.get(id));
  }

  @PostMapping("/opportunities")
  ResponseEntity<Map<String, Object>> createOpportunity(@RequestBody Map<String, Object> body) {
    Opportunity o = opportunities.create(body, access.current());
    return ResponseEntity.created(URI.create("/api/v1/opportunities/" + o.id())).body(view(o));
  }

  @GetMapping("/opportunities")
  Map<String, Object> opportunities(@RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) @Nullable String cursor, @RequestParam(required = false) @Nullable UUID accountId) {
    access.current();
    return page(opportunities.list(limit, cursor, accountId), CrmApi::view);
  }

  @GetMapping("/opportunities/{id}")
  Map<String, Object> opportunity(@PathVariable UUID id) {
    access.current();
    return view(opportunities.get(id));
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
    m.put("name", a.name());
    m.put("website", a.website());
    m.put("industry", a.industry());
    m.put("phone", a.phone());
    m.put("city", a.city());
    m.put("country", a.country());
    m.put("ownerId", a.ownerId());
    m.put("createdAt", ApiTime.format(a.createdAt()));
    return m;
  }

  static Map<String, Object> view(Contact c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("firstName", c.firstName());
    m.put("lastName", c.lastName());
    m.put("email", c.email());
    m.put("phone", c.phone());
    m.put("title", c.title());
    m.put("accountId", c.accountId());
    m.put("ownerId", c.ownerId());
    m.put("createdAt", ApiTime.format(c.createdAt()));
    return m;
  }

  static Map<String, Object> view(Opportunity o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("name", o.name());
    m.put("accountId", o.accountId());
    m.put("amount", money(o.amount()));
    m.put("stage", o.stage());
    m.put("closeDate", o.closeDate() == null ? null : o.closeDate().toString());
    m.put("ownerId", o.ownerId());
    m.put("createdAt", ApiTime.format(o.createdAt()));
    return m;
  }

}
