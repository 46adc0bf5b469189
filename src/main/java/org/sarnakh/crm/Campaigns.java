package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.CAMPAIGN;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.db.tables.records.CampaignRecord;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Campaigns that leads name as their origin; run by marketing. */
@Service
public class Campaigns {

  static final Set<String> TYPES = Set.of("email", "webinar", "event", "advertisement", "social", "referral", "other");
  static final Set<String> STATUSES = Set.of("PLANNED", "ACTIVE", "COMPLETED", "CANCELLED");
  static final Set<String> FIELDS = Set.of("name", "type", "status", "startDate", "endDate", "budget");

  private final DSLContext db;
  private final Clock clock;

  Campaigns(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Transactional
  public Campaign create(Map<String, ?> json, CurrentUser user) {
    if (!user.is(Role.ADMIN) && !user.is(Role.MARKETING)) {
      throw new AccessDeniedException("campaigns are run by marketing");
    }
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    String name = f.text("name", 200, true);
    String type = f.text("type", 30, false);
    type = type == null ? "email" : type.toLowerCase(Locale.ROOT);
    if (!TYPES.contains(type)) {
      problems.add(new FieldProblem("type", "one of " + TYPES));
    }
    String status = f.text("status", 20, false);
    status = status == null ? "PLANNED" : status.toUpperCase(Locale.ROOT);
    if (!STATUSES.contains(status)) {
      problems.add(new FieldProblem("status", "one of " + STATUSES));
    }
    var start = f.date("startDate");
    var end = f.date("endDate");
    if (start != null && end != null && end.isBefore(start)) {
      problems.add(new FieldProblem("endDate", "not before startDate"));
    }
    Money budget = null;
    if (json.get("budget") instanceof Map<?, ?> m) {
      budget = f.value(() -> Money.of(String.valueOf(m.get("amount")), String.valueOf(m.get("currency")), "budget"));
    } else if (json.get("budget") != null) {
      problems.add(new FieldProblem("budget", "an object {\"amount\", \"currency\"}"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    UUID id = UUID.randomUUID();
    db.insertInto(CAMPAIGN).set(CAMPAIGN.ID, id).set(CAMPAIGN.NAME, name).set(CAMPAIGN.CAMPAIGN_TYPE, type)
        .set(CAMPAIGN.STATUS, status).set(CAMPAIGN.START_DATE, start).set(CAMPAIGN.END_DATE, end)
        .set(CAMPAIGN.BUDGET_AMOUNT, budget == null ? null : budget.amount())
        .set(CAMPAIGN.BUDGET_CURRENCY, budget == null ? null : budget.currency().getCurrencyCode())
        .set(CAMPAIGN.CREATED_AT, Fields.now(clock)).execute();
    return get(id);
  }

  public Campaign get(UUID id) {
    return db.selectFrom(CAMPAIGN).where(CAMPAIGN.ID.eq(id)).fetchOptional(Campaigns::toCampaign)
        .orElseThrow(() -> new NotFound("campaign"));
  }

  public Page<Campaign> list(int limit, @Nullable String cursor) {
    return Keyset.page(db, CAMPAIGN, CAMPAIGN.CREATED_AT, CAMPAIGN.ID, DSL.trueCondition(), limit, cursor,
        Campaigns::toCampaign, Campaign::createdAt, Campaign::id);
  }

  static Campaign toCampaign(CampaignRecord r) {
    return new Campaign(r.getId(), r.getName(), r.getCampaignType(), r.getStatus(), r.getStartDate(), r.getEndDate(),
        r.getBudgetAmount() == null ? null : new Money(r.getBudgetAmount(), Currency.getInstance(r.getBudgetCurrency())),
        r.getCreatedAt());
  }
}
