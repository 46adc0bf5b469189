package org.sarnakh.nurture;

import static org.sarnakh.platform.db.Tables.NURTURE_ENROLLMENT;
import static org.sarnakh.platform.db.Tables.NURTURE_ENTRY_MARK;
import static org.sarnakh.platform.db.Tables.NURTURE_SEQUENCE;
import static org.sarnakh.platform.db.Tables.SEGMENT_MEMBER;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Consent;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadQueries;
import org.sarnakh.lead.LeadSets;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.db.tables.records.NurtureEnrollmentRecord;
import org.sarnakh.platform.mail.MailOutbox;
import org.sarnakh.platform.mail.MailPurpose;
import org.sarnakh.platform.mail.OutgoingMail;
import org.sarnakh.tracking.EventType;
import org.sarnakh.tracking.TrackedActivity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the sequences: enrols each active sequence's entry-segment members (all of them, then each
 * new one), and sends due steps. A batch of due enrolments is claimed ({@code SKIP LOCKED} on
 * PostgreSQL, so several nodes share the work), and each step's mail is written to the outbox in
 * the transaction that advances the enrolment, under the key {@code sequence:<enrolment>:<step>}:
 * a crash before the commit sends nothing and the step is due again; after it, nothing is repeated.
 * Before each step the lead is checked again: gone, refused marketing, suppressed, without email,
 * or past an exit of its sequence (replied, MQL, converted, lost) ends the enrolment instead.
 */
@Component
class SequenceEngine {

  private static final Logger log = LoggerFactory.getLogger(SequenceEngine.class);

  private final DSLContext db;
  private final Clock clock;
  private final Sequences sequences;
  private final EmailTemplates templates;
  private final Unsubscribes unsubscribes;
  private final LeadQueries leads;
  private final MailOutbox outbox;
  private final TransactionTemplate tx;
  private final int batch;

  SequenceEngine(DSLContext db, Clock clock, Sequences sequences, EmailTemplates templates, Unsubscribes unsubscribes,
      LeadQueries leads, MailOutbox outbox, TransactionTemplate tx, @Value("${sarnakh.sequences.batch:500}") int batch) {
    this.db = db;
    this.clock = clock;
    this.sequences = sequences;
    this.templates = templates;
    this.unsubscribes = unsubscribes;
    this.leads = leads;
    this.outbox = outbox;
    this.tx = tx;
    this.batch = batch;
  }

  @Scheduled(fixedDelayString = "${sarnakh.sequences.poll:1s}")
  void tick() {
    try {
      enterFromSegments();
      while (dispatch() == batch) {
        // a full batch: more may be due
      }
    } catch (RuntimeException e) {
      log.warn("sequence engine round failed; it runs again: {}", e.toString());
    }
  }

  /** Enrols the entry segments' members that joined since the last pass; answers how many enrolled. */
  int enterFromSegments() {
    int enrolled = 0;
    List<UUID> active = db.select(NURTURE_SEQUENCE.ID).from(NURTURE_SEQUENCE)
        .where(NURTURE_SEQUENCE.STATE.eq(Sequence.State.ACTIVE.name())).and(NURTURE_SEQUENCE.ENTRY_SEGMENT_ID.isNotNull())
        .fetch(NURTURE_SEQUENCE.ID);
    for (UUID id : active) {
      Sequence s = sequences.get(id);
      enrolled += tx.execute(t -> enter(s));
    }
    return enrolled;
  }

  private int enter(Sequence s) {
    Record2<Instant, UUID> mark = db.select(NURTURE_ENTRY_MARK.ADDED_AT, NURTURE_ENTRY_MARK.LEAD_ID).from(NURTURE_ENTRY_MARK)
        .where(NURTURE_ENTRY_MARK.SEQUENCE_ID.eq(s.id())).forUpdate().fetchOne();
    Instant at = mark == null ? Instant.EPOCH : mark.value1();
    UUID after = mark == null ? new UUID(0, 0) : mark.value2();
    List<Record2<Instant, UUID>> members = db.select(SEGMENT_MEMBER.ADDED_AT, SEGMENT_MEMBER.LEAD_ID).from(SEGMENT_MEMBER)
        .where(SEGMENT_MEMBER.SEGMENT_ID.eq(s.entrySegmentId()))
        .and(DSL.row(SEGMENT_MEMBER.ADDED_AT, SEGMENT_MEMBER.LEAD_ID).gt(at, after))
        .orderBy(SEGMENT_MEMBER.ADDED_AT, SEGMENT_MEMBER.LEAD_ID).limit(batch).fetch();
    if (members.isEmpty()) {
      return 0;
    }
    int enrolled = sequences.enroll(s, members.stream().map(Record2::value2).toList(), "SEGMENT");
    Record2<Instant, UUID> last = members.get(members.size() - 1);
    if (mark == null) {
      db.insertInto(NURTURE_ENTRY_MARK).set(NURTURE_ENTRY_MARK.SEQUENCE_ID, s.id())
          .set(NURTURE_ENTRY_MARK.ADDED_AT, last.value1()).set(NURTURE_ENTRY_MARK.LEAD_ID, last.value2()).execute();
    } else {
      db.update(NURTURE_ENTRY_MARK).set(NURTURE_ENTRY_MARK.ADDED_AT, last.value1())
          .set(NURTURE_ENTRY_MARK.LEAD_ID, last.value2()).where(NURTURE_ENTRY_MARK.SEQUENCE_ID.eq(s.id())).execute();
    }
    return enrolled;
  }

  /** Claims and handles one batch of due enrolments in one transaction; answers how many it handled. */
  int dispatch() {
    Integer handled = tx.execute(t -> {
      Instant now = ApiTime.truncate(clock.instant());
      var due = db.select(NURTURE_ENROLLMENT.ID).from(NURTURE_ENROLLMENT).join(NURTURE_SEQUENCE)
          .on(NURTURE_SEQUENCE.ID.eq(NURTURE_ENROLLMENT.SEQUENCE_ID))
          .where(NURTURE_ENROLLMENT.STATE.eq("ACTIVE")).and(NURTURE_ENROLLMENT.DUE_AT.le(now))
          .and(NURTURE_SEQUENCE.STATE.eq(Sequence.State.ACTIVE.name()))
          .orderBy(NURTURE_ENROLLMENT.DUE_AT).limit(batch);
      List<UUID> ids = db.dialect().family() == SQLDialect.POSTGRES
          ? due.forUpdate().of(NURTURE_ENROLLMENT).skipLocked().fetch(NURTURE_ENROLLMENT.ID)
          : due.fetch(NURTURE_ENROLLMENT.ID);
      if (ids.isEmpty()) {
        return 0;
      }
      // On H2 (no SKIP LOCKED) the rows are locked here; each update below checks the state again.
      List<NurtureEnrollmentRecord> claimed = db.selectFrom(NURTURE_ENROLLMENT).where(NURTURE_ENROLLMENT.ID.in(ids))
          .and(NURTURE_ENROLLMENT.STATE.eq("ACTIVE")).forUpdate().fetch();
      Map<UUID, Lead> byId = leads.forSystem(claimed.stream().map(NurtureEnrollmentRecord::getLeadId).toList()).stream()
          .collect(Collectors.toMap(l -> l.id().value(), Function.identity()));
      Map<UUID, Sequence> seqs = new HashMap<>();
      Map<UUID, EmailTemplate> tpls = new HashMap<>();
      for (NurtureEnrollmentRecord e : claimed) {
        Sequence s = seqs.computeIfAbsent(e.getSequenceId(), sequences::get);
        step(e, s, byId.get(e.getLeadId()), tpls, now);
      }
      return claimed.size();
    });
    return handled == null ? 0 : handled;
  }

  private void step(NurtureEnrollmentRecord e, Sequence s, @Nullable Lead lead, Map<UUID, EmailTemplate> tpls, Instant now) {
    Optional<Sequence.Exit> exit = exit(e, s, lead);
    if (exit.isPresent()) {
      finish(e, "EXITED", exit.get().name(), now);
      return;
    }
    Sequence.Step step = s.steps().stream().filter(x -> x.number() >= e.getNextStep()).findFirst().orElse(null);
    if (step == null) {
      finish(e, "COMPLETED", null, now);
      return;
    }
    String email = lead.text(LeadField.EMAIL);
    EmailTemplate t = tpls.computeIfAbsent(step.templateId(), templates::get);
    String language = EmailTemplates.languageOf(lead);
    EmailTemplates.Rendered mail = templates.render(t, lead, language == null ? t.defaultLanguage() : language,
        unsubscribes.link(e.getLeadId(), email));
    outbox.enqueue(new OutgoingMail("sequence:" + e.getId() + ":" + step.number(), MailPurpose.MARKETING, email,
        mail.subject(), mail.text(), mail.html(), unsubscribes.headers(e.getLeadId(), email)));
    Sequence.Step next = s.steps().stream().filter(x -> x.number() > step.number()).findFirst().orElse(null);
    if (next == null) {
      db.update(NURTURE_ENROLLMENT).set(NURTURE_ENROLLMENT.STEPS_SENT, NURTURE_ENROLLMENT.STEPS_SENT.plus(1))
          .set(NURTURE_ENROLLMENT.STATE, "COMPLETED").set(NURTURE_ENROLLMENT.FINISHED_AT, now)
          .setNull(NURTURE_ENROLLMENT.DUE_AT).where(NURTURE_ENROLLMENT.ID.eq(e.getId())).execute();
    } else {
      db.update(NURTURE_ENROLLMENT).set(NURTURE_ENROLLMENT.STEPS_SENT, NURTURE_ENROLLMENT.STEPS_SENT.plus(1))
          .set(NURTURE_ENROLLMENT.NEXT_STEP, next.number()).set(NURTURE_ENROLLMENT.DUE_AT, now.plus(next.delay()))
          .where(NURTURE_ENROLLMENT.ID.eq(e.getId())).execute();
    }
  }

  /** Why this enrolment must end before its next step, if it must. */
  private Optional<Sequence.Exit> exit(NurtureEnrollmentRecord e, Sequence s, @Nullable Lead lead) {
    if (lead == null || lead.deletedAt() != null) {
      return Optional.of(Sequence.Exit.LEAD_GONE);
    }
    if (s.exitOn().contains(Sequence.Exit.CONVERTED) && lead.status() == LeadStatus.CONVERTED) {
      return Optional.of(Sequence.Exit.CONVERTED);
    }
    if (s.exitOn().contains(Sequence.Exit.DEAD) && lead.status() == LeadStatus.DEAD) {
      return Optional.of(Sequence.Exit.DEAD);
    }
    if (s.exitOn().contains(Sequence.Exit.MQL) && lead.lifecycleStage().compareTo(LifecycleStage.MQL) >= 0) {
      return Optional.of(Sequence.Exit.MQL);
    }
    if (lead.consent().status() != Consent.Status.GRANTED) {
      return Optional.of(Sequence.Exit.NO_CONSENT);
    }
    String email = lead.text(LeadField.EMAIL);
    if (email == null) {
      return Optional.of(Sequence.Exit.NO_EMAIL);
    }
    if (unsubscribes.suppressed(email)) {
      return Optional.of(Sequence.Exit.UNSUBSCRIBED);
    }
    if (s.exitOn().contains(Sequence.Exit.REPLIED) && db.fetchExists(DSL.selectOne().from(LeadSets.table(
        org.sarnakh.lead.LeadQuery.Filters.none())).where(LeadSets.id().eq(e.getLeadId()))
        .and(TrackedActivity.did(LeadSets.id(), EventType.REPLY, null, e.getEnrolledAt(), 1)))) {
      return Optional.of(Sequence.Exit.REPLIED);
    }
    return Optional.empty();
  }

  private void finish(NurtureEnrollmentRecord e, String state, @Nullable String reason, Instant now) {
    db.update(NURTURE_ENROLLMENT).set(NURTURE_ENROLLMENT.STATE, state).set(NURTURE_ENROLLMENT.EXIT_REASON, reason)
        .set(NURTURE_ENROLLMENT.FINISHED_AT, now).setNull(NURTURE_ENROLLMENT.DUE_AT)
        .where(NURTURE_ENROLLMENT.ID.eq(e.getId())).execute();
  }
}
