package org.sarnakh.crm;

import static org.sarnakh.platform.db.Tables.OPPORTUNITY;


import java.time.Clock;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
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
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.db.tables.records.OpportunityRecord;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Deals; an opportunity needs an account (S2.5) and moves through the admin's list of stages. */
@Service
public class Opportunities {

  static final Set<String> FIELDS = Set.of("name", "accountId", "contactId", "amount", "stage", "closeDate",
      "leadSource", "campaignId", "description", "customFields", "ownerId");
  public static final String STAGES = "opportunity_stage";

  /** One column of the pipeline board: the stage, how many deals, their amounts summed per currency, the newest cards. */
  public record Column(CodeLists.Code stage, long count, List<Money> sums, List<Opportunity> cards) {}

  private final DSLContext db;
  private final Accounts accounts;
  private final Contacts contacts;
  private final LeadCatalog catalog;
  private final CodeLists lists;
  private final Clock clock;

  Opportunities(DSLContext db, Accounts accounts, Contacts contacts, LeadCatalog catalog, CodeLists lists,
      Clock clock) {
    this.db = db;
    this.accounts = accounts;
    this.contacts = contacts;
    this.catalog = catalog;
    this.lists = lists;
    this.clock = clock;
  }

  @Transactional
  public Opportunity create(Map<String, ?> json, CurrentUser user) {
    return create(json, user, null);
  }

  /** Creates a deal; {@code origin} (conversion only) names the lead it came from. */
  @Transactional
  public Opportunity create(Map<String, ?> json, CurrentUser user, @Nullable Origin origin) {
    OpportunityRecord r = parse(json, null);
    return toOpportunity(CrmRows.insert(db, r, user, origin, Fields.now(clock)));
  }

  /** Applies a merge patch (stage, amount …); {@code ifMatch} (when given) must be the current version. */
  @Transactional
  public Opportunity update(UUID id, Map<String, ?> patch, @Nullable Long ifMatch, CurrentUser user) {
    Opportunity current = get(id);
    Fields.requireVersion(ifMatch, current.version());
    OpportunityRecord r = parse(Fields.merge(current.fields(), patch), current.stage());
    CrmRows.update(db, r, id, current.version(), current.originLeadId(), "opportunity");
    return get(id);
  }

  /** Reads a deal's fields; {@code keptStage} (an edit's current stage) stays valid after its stage was retired. */
  private OpportunityRecord parse(Map<String, ?> json, @Nullable String keptStage) {
    List<FieldProblem> problems = new ArrayList<>();
    Fields f = new Fields(json, problems);
    f.onlyKnown(FIELDS);
    OpportunityRecord r = db.newRecord(OPPORTUNITY);
    r.setName(f.text("name", 200, true));
    UUID account = f.uuid("accountId", true);
    if (account != null && !accounts.exists(account)) {
      problems.add(new FieldProblem("accountId", "unknown account"));
    }
    r.setAccountId(account);
    UUID contact = f.uuid("contactId", false);
    if (contact != null && !contacts.exists(contact)) {
      problems.add(new FieldProblem("contactId", "unknown contact"));
    }
    r.setContactId(contact);
    Money amount = f.money("amount");
    r.setAmount(amount == null ? null : amount.amount());
    r.setCurrency(amount == null ? null : amount.currency().getCurrencyCode());
    String stage = f.code("stage", STAGES, (list, code) -> code.equals(keptStage) || catalog.codeExists(list, code),
        c -> c.toUpperCase(Locale.ROOT));
    r.setStage(stage == null && json.get("stage") == null ? firstStage() : stage);
    r.setCloseDate(f.date("closeDate"));
    r.setLeadSource(f.code("leadSource", "lead_source", catalog::codeKnown, c -> c.toLowerCase(Locale.ROOT)));
    UUID campaign = f.uuid("campaignId", false);
    if (campaign != null && !catalog.campaignExists(campaign)) {
      problems.add(new FieldProblem("campaignId", "unknown campaign"));
    }
    r.setCampaignId(campaign);
    r.setDescription(f.multiline("description", 32000));
    r.setCustomFields(Fields.json(f.customFields("customFields")));
    r.setOwnerId(f.uuid("ownerId", false));
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    r.setNameKey(Accounts.nameKey(r.getName()));
    return r;
  }

  /** The stage a new deal starts in: the first active one of the admin's list. */
  public String firstStage() {
    return stages("en").stream().findFirst().map(CodeLists.Code::code).orElse("PROSPECTING");
  }

  public List<CodeLists.Code> stages(String language) {
    return lists.list(STAGES, language, false);
  }

  public Opportunity get(UUID id) {
    return db.selectFrom(OPPORTUNITY).where(OPPORTUNITY.ID.eq(id)).fetchOptional(Opportunities::toOpportunity)
        .orElseThrow(() -> new NotFound("opportunity"));
  }

  /** Newest first; {@code q} finds names containing it, {@code stage} keeps one stage. */
  public Page<Opportunity> list(int limit, @Nullable String cursor, @Nullable UUID accountId, @Nullable String q,
      @Nullable String stage) {
    Condition where = accountId == null ? DSL.trueCondition() : OPPORTUNITY.ACCOUNT_ID.eq(accountId);
    if (q != null && !q.isBlank()) {
      where = where.and(OPPORTUNITY.NAME_KEY.contains(TextKeys.searchKey(q).strip()));
    }
    if (stage != null && !stage.isBlank()) {
      where = where.and(OPPORTUNITY.STAGE.eq(stage.toUpperCase(Locale.ROOT)));
    }
    return Keyset.page(db, OPPORTUNITY, OPPORTUNITY.CREATED_AT, OPPORTUNITY.ID, where, limit, cursor,
        Opportunities::toOpportunity, Opportunity::createdAt, Opportunity::id);
  }

  public Page<Opportunity> list(int limit, @Nullable String cursor, @Nullable UUID accountId) {
    return list(limit, cursor, accountId, null, null);
  }

  /** A contact's deals: those naming it, and those converted from the lead it came from. */
  public List<Opportunity> fromLeadOrContact(@Nullable UUID leadId, UUID contactId) {
    Condition c = OPPORTUNITY.CONTACT_ID.eq(contactId);
    if (leadId != null) {
      c = c.or(OPPORTUNITY.ORIGIN_LEAD_ID.eq(leadId));
    }
    return db.selectFrom(OPPORTUNITY).where(c).orderBy(OPPORTUNITY.CREATED_AT.desc(), OPPORTUNITY.ID.desc())
        .limit(50).fetch(Opportunities::toOpportunity);
  }

  /**
   * The pipeline board: one column per active stage with its count and amounts per currency from
   * one grouped query, and the {@code cards} newest deals of each stage.
   */
  @Transactional(readOnly = true)
  public List<Column> board(String language, int cards) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, List<Money>> sums = new LinkedHashMap<>();
    db.select(OPPORTUNITY.STAGE, OPPORTUNITY.CURRENCY, DSL.count(), DSL.sum(OPPORTUNITY.AMOUNT)).from(OPPORTUNITY)
        .groupBy(OPPORTUNITY.STAGE, OPPORTUNITY.CURRENCY)
        .forEach(r -> {
          counts.computeIfAbsent(r.value1(), k -> new long[1])[0] += r.value3();
          if (r.value2() != null && r.value4() != null) {
            sums.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                .add(new Money(r.value4(), Currency.getInstance(r.value2())));
          }
        });
    List<Column> out = new ArrayList<>();
    for (CodeLists.Code stage : stages(language)) {
      List<Opportunity> newest = db.selectFrom(OPPORTUNITY).where(OPPORTUNITY.STAGE.eq(stage.code()))
          .orderBy(OPPORTUNITY.CREATED_AT.desc(), OPPORTUNITY.ID.desc()).limit(cards)
          .fetch(Opportunities::toOpportunity);
      out.add(new Column(stage, counts.getOrDefault(stage.code(), new long[1])[0],
          sums.getOrDefault(stage.code(), List.of()), newest));
    }
    return out;
  }

  static Opportunity toOpportunity(OpportunityRecord r) {
    return new Opportunity(r.getId(), r.getVersion(), r.getName(), r.getAccountId(), r.getContactId(),
        r.getAmount() == null ? null : new Money(r.getAmount(), Currency.getInstance(r.getCurrency())), r.getStage(),
        r.getCloseDate(), r.getLeadSource(), r.getCampaignId(), r.getDescription(), Fields.texts(r.getCustomFields()),
        r.getOriginLeadId(), r.getOwnerId(), r.getCreatedAt());
  }

}
