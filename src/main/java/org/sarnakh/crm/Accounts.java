package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.ACCOUNT;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.Money;
import org.sarnakh.lead.PhoneNumber;
import org.sarnakh.lead.Website;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.db.tables.records.AccountRecord;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Companies: what a lead's account name becomes on conversion. */
@Service
public class Accounts {

  static final Set<String> FIELDS = Set.of("name", "website", "industry", "subIndustry", "phone", "address",
      "companySize", "annualRevenue", "description", "customFields", "leadSource", "ownerId");

  /** An account that may be the same company as one being created, and why. */
  public record Match(UUID id, String name, String matchedOn) {}

  private final DSLContext db;
  private final LeadCatalog catalog;
  private final Clock clock;
  private final SarnakhSettings settings;

  Accounts(DSLContext db, LeadCatalog catalog, Clock clock, SarnakhSettings settings) {
    this.db = db;
    this.catalog = catalog;
    this.clock = clock;
    this.settings = settings;
  }

  @Transactional
  public Account create(Map<String, ?> json, CurrentUser user) {
    return create(json, user, null);
  }

  /** Creates an account; {@code origin} (conversion only) names the lead it came from. */
  @Transactional
  public Account create(Map<String, ?> json, CurrentUser user, @Nullable Origin origin) {
    AccountRecord r = parse(json);
    return toAccount(CrmRows.insert(db, r, user, origin, Fields.now(clock)));
  }

  /** Applies a merge patch; {@code ifMatch} (when given) must be the current version or nothing changes. */
  @Transactional
  public Account update(UUID id, Map<String, ?> patch, @Nullable Long ifMatch, CurrentUser user) {
    Account current = get(id);
    Fields.requireVersion(ifMatch, current.version());
    AccountRecord r = parse(Fields.merge(current.fields(), patch));
    CrmRows.update(db, r, id, current.version(), current.originLeadId(), "account");
    return get(id);
  }

  private AccountRecord parse(Map<String, ?> json) {
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    AccountRecord r = db.newRecord(ACCOUNT);
    r.setName(f.text("name", 200, true));
    String website = f.text("website", 255, false);
    if (website != null) {
      f.value(() -> Website.host(website));
    }
    r.setWebsite(website);
    r.setIndustry(f.code("industry", "industry", catalog::codeKnown, c -> c.toLowerCase(Locale.ROOT)));
    r.setSubIndustry(f.code("subIndustry", "sub_industry", catalog::codeKnown, c -> c.toLowerCase(Locale.ROOT)));
    String phoneText = f.text("phone", 40, false);
    r.setPhone(phoneText == null ? null
        : f.value(() -> PhoneNumber.parse(phoneText, settings.defaultRegion(), "phone").e164()));
    PostalAddress a = PostalAddress.read(f);
    r.setStreet(a.street());
    r.setCity(a.city());
    r.setState(a.state());
    r.setPostalCode(a.postalCode());
    r.setCountry(a.country());
    r.setCompanySize(f.integer("companySize", 0, 100_000_000));
    Money revenue = f.money("annualRevenue");
    r.setAnnualRevenue(revenue == null ? null : revenue.amount());
    r.setAnnualRevenueCurrency(revenue == null ? null : revenue.currency().getCurrencyCode());
    r.setDescription(f.multiline("description", 32000));
    r.setCustomFields(Fields.json(f.customFields("customFields")));
    r.setLeadSource(f.code("leadSource", "lead_source", catalog::codeKnown, c -> c.toLowerCase(Locale.ROOT)));
    r.setOwnerId(f.uuid("ownerId", false));
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    r.setNameKey(nameKey(r.getName()));
    return r;
  }

  static String nameKey(String name) {
    String key = TextKeys.searchKey(name).strip();
    return key.length() > 200 ? key.substring(0, 200) : key;
  }

  /**
   * Accounts that may be the company of a lead: the same name (Persian/Arabic-normalised, case
   * ignored) or the same website host. Few, oldest first.
   */
  public List<Match> matching(@Nullable String name, @Nullable String website, int limit) {
    String key = name == null || name.isBlank() ? null : nameKey(name);
    String site = website == null || website.isBlank() ? null : website;
    if (key == null && site == null) {
      return List.of();
    }
    Condition same = DSL.falseCondition();
    if (key != null) {
      same = same.or(ACCOUNT.NAME_KEY.eq(key));
    }
    if (site != null) {
      same = same.or(ACCOUNT.WEBSITE.eq(site));
    }
    return db.select(ACCOUNT.ID, ACCOUNT.NAME, ACCOUNT.NAME_KEY).from(ACCOUNT).where(same)
        .orderBy(ACCOUNT.CREATED_AT, ACCOUNT.ID).limit(limit)
        .fetch(r -> new Match(r.value1(), r.value2(), r.value3().equals(key) ? "name" : "website"));
  }

  public Account get(UUID id) {
    return db.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(Accounts::toAccount)
        .orElseThrow(() -> new NotFound("account"));
  }

  public boolean exists(UUID id) {
    return db.fetchExists(ACCOUNT, ACCOUNT.ID.eq(id));
  }

  /** Newest first; {@code q} finds names containing it (Persian/Arabic-normalised). */
  public Page<Account> list(int limit, @Nullable String cursor, @Nullable String q) {
    Condition where = q == null || q.isBlank() ? DSL.trueCondition()
        : ACCOUNT.NAME_KEY.contains(TextKeys.searchKey(q).strip());
    return Keyset.page(db, ACCOUNT, ACCOUNT.CREATED_AT, ACCOUNT.ID, where, limit, cursor,
        Accounts::toAccount, Account::createdAt, Account::id);
  }

  public Page<Account> list(int limit, @Nullable String cursor) {
    return list(limit, cursor, null);
  }

  static Account toAccount(AccountRecord r) {
    return new Account(r.getId(), r.getVersion(), r.getName(), r.getWebsite(), r.getIndustry(), r.getSubIndustry(),
        r.getPhone(), new PostalAddress(r.getStreet(), r.getCity(), r.getState(), r.getPostalCode(), r.getCountry()),
        r.getCompanySize(), r.getAnnualRevenue() == null ? null
            : new Money(r.getAnnualRevenue(), Currency.getInstance(r.getAnnualRevenueCurrency())),
        r.getDescription(), Fields.texts(r.getCustomFields()), r.getLeadSource(), r.getOriginLeadId(), r.getOwnerId(),
        r.getCreatedAt());
  }
}
