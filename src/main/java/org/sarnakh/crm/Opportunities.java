package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.OPPORTUNITY;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.db.tables.records.OpportunityRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deals; an opportunity needs an account (S2.5). */
@Service
public class Opportunities {

  static final Set<String> FIELDS = Set.of("name", "accountId", "amount", "stage", "closeDate", "ownerId");

  private final DSLContext db;
  private final Accounts accounts;
  private final Clock clock;

  Opportunities(DSLContext db, Accounts accounts, Clock clock) {
    this.db = db;
    this.accounts = accounts;
    this.clock = clock;
  }

  @Transactional
  public Opportunity create(Map<String, ?> json, CurrentUser user) {
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    String name = f.text("name", 200, true);
    UUID account = f.uuid("accountId", true);
    if (account != null && !accounts.exists(account)) {
      problems.add(new FieldProblem("accountId", "unknown account"));
    }
    Money amount = null;
    if (json.get("amount") instanceof Map<?, ?> m) {
      amount = f.value(() -> Money.of(String.valueOf(m.get("amount")), String.valueOf(m.get("currency")), "amount"));
    } else if (json.get("amount") != null) {
      problems.add(new FieldProblem("amount", "an object {\"amount\", \"currency\"}"));
    }
    String stage = f.text("stage", 30, false);
    stage = stage == null ? "PROSPECTING" : stage.toUpperCase(Locale.ROOT);
    if (!Opportunity.STAGES.contains(stage)) {
      problems.add(new FieldProblem("stage", "one of " + Opportunity.STAGES));
    }
    var close = f.date("closeDate");
    UUID owner = f.uuid("ownerId", false);
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    UUID id = UUID.randomUUID();
    db.insertInto(OPPORTUNITY).set(OPPORTUNITY.ID, id).set(OPPORTUNITY.NAME, name).set(OPPORTUNITY.ACCOUNT_ID, account)
        .set(OPPORTUNITY.AMOUNT, amount == null ? null : amount.amount())
        .set(OPPORTUNITY.CURRENCY, amount == null ? null : amount.currency().getCurrencyCode())
        .set(OPPORTUNITY.STAGE, stage).set(OPPORTUNITY.CLOSE_DATE, close)
        .set(OPPORTUNITY.OWNER_ID, owner == null ? user.id() : owner).set(OPPORTUNITY.CREATED_AT, Fields.now(clock))
        .execute();
    return get(id);
  }

  public Opportunity get(UUID id) {
    return db.selectFrom(OPPORTUNITY).where(OPPORTUNITY.ID.eq(id)).fetchOptional(Opportunities::toOpportunity)
        .orElseThrow(() -> new NotFound("opportunity"));
  }

  public Page<Opportunity> list(int limit, @Nullable String cursor, @Nullable UUID accountId) {
    return Keyset.page(db, OPPORTUNITY, OPPORTUNITY.CREATED_AT, OPPORTUNITY.ID,
        accountId == null ? DSL.trueCondition() : OPPORTUNITY.ACCOUNT_ID.eq(accountId), limit, cursor,
        Opportunities::toOpportunity, Opportunity::createdAt, Opportunity::id);
  }

  static Opportunity toOpportunity(OpportunityRecord r) {
    return new Opportunity(r.getId(), r.getName(), r.getAccountId(),
        r.getAmount() == null ? null : new Money(r.getAmount(), Currency.getInstance(r.getCurrency())), r.getStage(),
        r.getCloseDate(), r.getOwnerId(), r.getCreatedAt());
  }
}
