package org.sarnakh.platform.mail;

import static org.sarnakh.platform.db.Tables.MAIL_OUTBOX;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.db.tables.records.MailOutboxRecord;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way Sarnakh sends mail: {@link #enqueue} writes the mail in the caller's transaction (so it
 * leaves if and only if the cause commits), and the dispatcher sends it after commit. Without an SMTP
 * server ({@code spring.mail.host}) mail is HELD: kept, listed for administrators, sent once one is configured.
 */
@Service
public class MailOutbox {

  /** A page of the outbox, newest first. */
  public record Page(List<MailView> items, @Nullable String nextCursor) {}

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final DSLContext db;
  private final Clock clock;
  private final MailSettings settings;
  private final boolean smtp;

  MailOutbox(DSLContext db, Clock clock, MailSettings settings, ObjectProvider<JavaMailSender> sender) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.smtp = sender.getIfAvailable() != null;
  }

  /**
   * Enqueues a mail in the caller's transaction (or its own when there is none); false when a mail
   * with the same idempotency key was enqueued before, in which case nothing changes.
   */
  @Transactional
  public boolean enqueue(OutgoingMail mail) {
    Instant now = ApiTime.truncate(clock.instant());
    try {
      return db.insertInto(MAIL_OUTBOX).set(MAIL_OUTBOX.ID, UUID.randomUUID())
          .set(MAIL_OUTBOX.IDEMPOTENCY_KEY, mail.idempotencyKey()).set(MAIL_OUTBOX.PURPOSE, mail.purpose().name())
          .set(MAIL_OUTBOX.RECIPIENT, mail.to()).set(MAIL_OUTBOX.SUBJECT, mail.subject())
          .set(MAIL_OUTBOX.BODY_TEXT, mail.text()).set(MAIL_OUTBOX.BODY_HTML, mail.html())
          .set(MAIL_OUTBOX.HEADERS, JSON.writeValueAsString(mail.headers())).set(MAIL_OUTBOX.MESSAGE_ID, messageId())
          .set(MAIL_OUTBOX.STATE, (smtp ? MailState.PENDING : MailState.HELD).name())
          .set(MAIL_OUTBOX.NEXT_ATTEMPT_AT, now).set(MAIL_OUTBOX.CREATED_AT, now)
          .onConflict(MAIL_OUTBOX.IDEMPOTENCY_KEY).doNothing().execute() == 1;
    } catch (DuplicateKeyException e) {
      // H2 runs the upsert as a MERGE, which a concurrent insert of the same key can still beat.
      return false;
    }
  }

  /** Whether an SMTP server is configured; without one every mail is held. */
  public boolean sending() {
    return smtp;
  }

  public Optional<MailView> find(UUID id) {
    return db.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.ID.eq(id)).fetchOptional().map(MailOutbox::view);
  }

  /** The mail with this idempotency key, if it was enqueued. */
  public Optional<MailView> byKey(String idempotencyKey) {
    return db.selectFrom(MAIL_OUTBOX).where(MAIL_OUTBOX.IDEMPOTENCY_KEY.eq(idempotencyKey)).fetchOptional()
        .map(MailOutbox::view);
  }

  /** Newest first, optionally in one state; {@code cursor} is the {@code nextCursor} of the page before. */
  public Page list(@Nullable MailState state, @Nullable String cursor, int limit) {
    if (limit < 1 || limit > 500) {
      throw InvalidInput.of("limit", "between 1 and 500");
    }
    Condition where = state == null ? DSL.trueCondition() : MAIL_OUTBOX.STATE.eq(state.name());
    if (cursor != null) {
      where = where.and(DSL.row(MAIL_OUTBOX.CREATED_AT, MAIL_OUTBOX.ID).lt(after(cursor)));
    }
    List<MailView> rows = db.selectFrom(MAIL_OUTBOX).where(where)
        .orderBy(MAIL_OUTBOX.CREATED_AT.desc(), MAIL_OUTBOX.ID.desc()).limit(limit + 1).fetch(MailOutbox::view);
    if (rows.size() <= limit) {
      return new Page(rows, null);
    }
    MailView last = rows.get(limit - 1);
    String next = Base64.getUrlEncoder().withoutPadding()
        .encodeToString((last.createdAt() + "|" + last.id()).getBytes(StandardCharsets.UTF_8));
    return new Page(List.copyOf(rows.subList(0, limit)), next);
  }

  /** How many mails are in each state (every state present, zero or not). */
  public Map<MailState, Integer> counts() {
    Map<MailState, Integer> counts = new EnumMap<>(MailState.class);
    for (MailState s : MailState.values()) {
      counts.put(s, 0);
    }
    db.select(MAIL_OUTBOX.STATE, DSL.count()).from(MAIL_OUTBOX).groupBy(MAIL_OUTBOX.STATE)
        .forEach(r -> counts.put(MailState.valueOf(r.value1()), r.value2()));
    return counts;
  }

  /** How many mails wait for an SMTP server to be configured. */
  public int held() {
    return db.fetchCount(MAIL_OUTBOX, MAIL_OUTBOX.STATE.eq(MailState.HELD.name()));
  }

  private org.jooq.Row2<Instant, UUID> after(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
      return DSL.row(Instant.parse(parts[0]), UUID.fromString(parts[1]));
    } catch (RuntimeException e) {
      throw InvalidInput.of("cursor", "not a cursor of this list");
    }
  }

  private String messageId() {
    String from = settings.from();
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "") : "";
    return "<" + UUID.randomUUID() + "@" + (domain.isEmpty() ? "sarnakh.localhost" : domain) + ">";
  }

  static Map<String, String> headers(String json) {
    return new LinkedHashMap<>(JSON.readValue(json, new TypeReference<Map<String, String>>() {}));
  }

  static MailView view(MailOutboxRecord r) {
    return new MailView(r.getId(), r.getIdempotencyKey(), MailPurpose.valueOf(r.getPurpose()), r.getRecipient(),
        r.getSubject(), r.getBodyText(), r.getBodyHtml(), headers(r.getHeaders()), MailState.valueOf(r.getState()),
        r.getAttempts(), r.getNextAttemptAt(), r.getLastError(), r.getCreatedAt(), r.getSentAt());
  }
}
