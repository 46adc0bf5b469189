package org.sarnakh.conversion;

import static org.sarnakh.platform.db.Tables.LEAD_QUALIFICATION;
import static org.sarnakh.platform.db.Tables.QUALIFICATION_ITEM;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The company's definition of a lead ready to convert (BANT, say): items an administrator defines,
 * ticked per lead by whoever works it, all of them required before conversion. Empty until defined.
 */
@Service
public class QualificationChecklist {

  public record Item(String code, String label, int position, boolean active) {}

  /** One item as it stands for a lead. */
  public record Check(String code, String label, boolean checked, @Nullable Instant checkedAt, @Nullable UUID checkedBy) {}

  /** A lead's checklist: its active items, and those still unticked. */
  public record State(List<Check> items) {
    public List<String> missing() {
      return items.stream().filter(c -> !c.checked()).map(Check::code).toList();
    }

    public boolean complete() {
      return missing().isEmpty();
    }
  }

  private final DSLContext db;
  private final LeadQueries leads;
  private final Clock clock;

  QualificationChecklist(DSLContext db, LeadQueries leads, Clock clock) {
    this.db = db;
    this.leads = leads;
    this.clock = clock;
  }

  public List<Item> items(boolean includeInactive) {
    return db.selectFrom(QUALIFICATION_ITEM)
        .where(includeInactive ? DSL.trueCondition() : QUALIFICATION_ITEM.ACTIVE.isTrue())
        .orderBy(QUALIFICATION_ITEM.POSITION, QUALIFICATION_ITEM.CODE)
        .fetch(r -> new Item(r.getCode(), r.getLabel(), r.getPosition(), r.getActive()));
  }

  @Transactional
  public Item define(@Nullable String code, @Nullable String label, CurrentUser user) {
    requireAdmin(user);
    List<FieldProblem> problems = new ArrayList<>();
    if (code == null || !code.strip().matches("[a-z][a-z0-9_]{0,49}")) {
      problems.add(new FieldProblem("code", "lower snake case, 1 to 50 characters, starting with a letter"));
    }
    if (label == null || label.isBlank() || label.strip().length() > 200 || TextKeys.hasForbiddenControls(label)) {
      problems.add(new FieldProblem("label", "1 to 200 characters, no control characters"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    String c = code.strip();
    if (db.fetchExists(QUALIFICATION_ITEM, QUALIFICATION_ITEM.CODE.eq(c))) {
      throw new DomainConflict("duplicate-code", "checklist item '" + c + "' exists");
    }
    Integer max = db.select(DSL.max(QUALIFICATION_ITEM.POSITION)).from(QUALIFICATION_ITEM).fetchOne().value1();
    db.insertInto(QUALIFICATION_ITEM).set(QUALIFICATION_ITEM.CODE, c).set(QUALIFICATION_ITEM.LABEL, label.strip())
        .set(QUALIFICATION_ITEM.POSITION, max == null ? 1 : max + 1)
        .set(QUALIFICATION_ITEM.CREATED_AT, ApiTime.truncate(clock.instant())).execute();
    return new Item(c, label.strip(), max == null ? 1 : max + 1, true);
  }

  /** Items are never deleted (ticks keep them); an inactive one no longer counts. */
  @Transactional
  public void setActive(String code, boolean active, CurrentUser user) {
    requireAdmin(user);
    if (db.update(QUALIFICATION_ITEM).set(QUALIFICATION_ITEM.ACTIVE, active).where(QUALIFICATION_ITEM.CODE.eq(code))
        .execute() == 0) {
      throw new NotFound("checklist item");
    }
  }

  /** The lead's checklist as its reader may see it (404 otherwise). */
  @Transactional(readOnly = true)
  public State of(LeadId lead, CurrentUser user) {
    leads.get(lead, user);
    return state(lead);
  }

  /** The checklist of a lead whose visibility the caller checked. */
  public State state(LeadId lead) {
    List<Item> active = items(false);
    if (active.isEmpty()) {
      return new State(List.of());
    }
    Map<String, org.sarnakh.platform.db.tables.records.LeadQualificationRecord> ticks = new HashMap<>();
    db.selectFrom(LEAD_QUALIFICATION).where(LEAD_QUALIFICATION.LEAD_ID.eq(lead.value()))
        .forEach(r -> ticks.put(r.getItemCode(), r));
    List<Check> checks = new ArrayList<>();
    for (Item i : active) {
      var t = ticks.get(i.code());
      checks.add(new Check(i.code(), i.label(), t != null, t == null ? null : t.getCheckedAt(),
          t == null ? null : t.getCheckedBy()));
    }
    return new State(checks);
  }

  /** Sets which items are ticked for the lead (the others are unticked); a converted lead's checklist is closed. */
  @Transactional
  public State tick(LeadId id, Collection<String> checked, CurrentUser user) {
    Lead lead = leads.get(id, user);
    if (lead.status() == LeadStatus.CONVERTED) {
      throw new DomainConflict("converted-read-only", "lead " + id + " is converted; its checklist is closed");
    }
    Set<String> active = new LinkedHashSet<>(items(false).stream().map(Item::code).toList());
    List<FieldProblem> problems = new ArrayList<>();
    for (String c : checked) {
      if (!active.contains(c)) {
        problems.add(new FieldProblem("checked", "unknown or inactive checklist item '" + c + "'"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    Set<String> already = new LinkedHashSet<>(db.select(LEAD_QUALIFICATION.ITEM_CODE).from(LEAD_QUALIFICATION)
        .where(LEAD_QUALIFICATION.LEAD_ID.eq(id.value())).fetch(LEAD_QUALIFICATION.ITEM_CODE));
    Set<String> unticked = new LinkedHashSet<>(already);
    unticked.removeAll(checked);
    if (!unticked.isEmpty()) {
      db.deleteFrom(LEAD_QUALIFICATION).where(LEAD_QUALIFICATION.LEAD_ID.eq(id.value())
          .and(LEAD_QUALIFICATION.ITEM_CODE.in(unticked))).execute();
    }
    Instant now = ApiTime.truncate(clock.instant());
    var insert = db.insertInto(LEAD_QUALIFICATION, LEAD_QUALIFICATION.LEAD_ID, LEAD_QUALIFICATION.ITEM_CODE,
        LEAD_QUALIFICATION.CHECKED_AT, LEAD_QUALIFICATION.CHECKED_BY);
    boolean any = false;
    for (String c : new LinkedHashSet<>(checked)) {
      if (!already.contains(c)) {
        insert = insert.values(id.value(), c, now, user.id());
        any = true;
      }
    }
    if (any) {
      insert.execute();
    }
    return state(id);
  }

  /** Refuses conversion (422) while an active item is unticked, naming each one. */
  public void requireComplete(LeadId lead) {
    State s = state(lead);
    if (!s.complete()) {
      throw new RuleViolation("qualification-incomplete", "the qualification checklist is not complete: "
          + String.join(", ", s.missing()),
          s.missing().stream().map(c -> new FieldProblem("qualification." + c, "not ticked")).toList());
    }
  }

  private static void requireAdmin(CurrentUser user) {
    if (!user.is(Role.ADMIN)) {
      throw new AccessDeniedException("the qualification checklist is an administrator's setting");
    }
  }
}
