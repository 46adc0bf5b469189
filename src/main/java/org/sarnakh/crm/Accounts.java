package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.ACCOUNT;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.CountryCode;
import org.sarnakh.lead.PhoneNumber;
import org.sarnakh.lead.Website;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.db.tables.records.AccountRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Companies: what a lead's account name becomes on conversion. */
@Service
public class Accounts {

  static final Set<String> FIELDS = Set.of("name", "website", "industry", "phone", "city", "country", "ownerId");

  private final DSLContext db;
  private final Clock clock;
  private final SarnakhSettings settings;

  Accounts(DSLContext db, Clock clock, SarnakhSettings settings) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
  }

  @Transactional
  public Account create(Map<String, ?> json, CurrentUser user) {
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    String name = f.text("name", 200, true);
    String website = f.text("website", 255, false);
    if (website != null) {
      f.value(() -> Website.host(website));
    }
    String industry = f.text("industry", 50, false);
    String phoneText = f.text("phone", 40, false);
    String phone = phoneText == null ? null
        : f.value(() -> PhoneNumber.parse(phoneText, settings.defaultRegion(), "phone").e164());
    String city = f.text("city", 100, false);
    String countryText = f.text("country", 100, false);
    String country = countryText == null ? null : f.value(() -> CountryCode.normalise(countryText, "country"));
    UUID owner = f.uuid("ownerId", false);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    UUID id = UUID.randomUUID();
    db.insertInto(ACCOUNT).set(ACCOUNT.ID, id).set(ACCOUNT.NAME, name).set(ACCOUNT.WEBSITE, website)
        .set(ACCOUNT.INDUSTRY, industry).set(ACCOUNT.PHONE, phone).set(ACCOUNT.CITY, city).set(ACCOUNT.COUNTRY, country)
        .set(ACCOUNT.OWNER_ID, owner == null ? user.id() : owner).set(ACCOUNT.CREATED_AT, Fields.now(clock)).execute();
    return get(id);
  }

  public Account get(UUID id) {
    return db.selectFrom(ACCOUNT).where(ACCOUNT.ID.eq(id)).fetchOptional(Accounts::toAccount)
        .orElseThrow(() -> new NotFound("account"));
  }

  public boolean exists(UUID id) {
    return db.fetchExists(ACCOUNT, ACCOUNT.ID.eq(id));
  }

  public Page<Account> list(int limit, @Nullable String cursor) {
    return Keyset.page(db, ACCOUNT, ACCOUNT.CREATED_AT, ACCOUNT.ID, DSL.trueCondition(), limit, cursor,
        Accounts::toAccount, Account::createdAt, Account::id);
  }

  static Account toAccount(AccountRecord r) {
    return new Account(r.getId(), r.getName(), r.getWebsite(), r.getIndustry(), r.getPhone(), r.getCity(),
        r.getCountry(), r.getOwnerId(), r.getCreatedAt());
  }
}
