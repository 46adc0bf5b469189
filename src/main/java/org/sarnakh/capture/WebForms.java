package org.sarnakh.capture;

import static org.sarnakh.platform.db.Tables.WEB_FORM;
import static org.sarnakh.platform.db.Tables.WEB_FORM_SUBMISSION;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.FormDefinitions.Definition;
import org.sarnakh.capture.WebForm.ConsentBox;
import org.sarnakh.capture.WebForm.Field;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.StaleVersion;
import org.sarnakh.platform.db.tables.records.WebFormRecord;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The forms administrators and marketers define: create, edit by merge patch with optimistic
 * versions, delete (the row stays, so evidence keeps naming its form), keyset pages, and the
 * active form behind a public key.
 */
@Service
public class WebForms {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  /** How long a node keeps serving a form it read: edits on another node reach this one within it. */
  static final long CACHE_NANOS = java.time.Duration.ofSeconds(5).toNanos();

  private record Cached(Optional<WebForm> form, long readAt) {}

  private final DSLContext db;
  private final LeadCatalog catalog;
  private final Clock clock;
  // Every public request starts from the form behind its key: read once per key and moment, not per request.
  private final Map<String, Cached> byKey = new java.util.concurrent.ConcurrentHashMap<>();

  WebForms(DSLContext db, LeadCatalog catalog, Clock clock) {
    this.db = db;
    this.catalog = catalog;
    this.clock = clock;
  }

  @Transactional
  public WebForm create(Map<String, ?> json, CurrentUser by) {
    Definition d = FormDefinitions.parse(json, catalog, null);
    Instant now = ApiTime.truncate(clock.instant());
    UUID id = UUID.randomUUID();
    // 18 random bytes: the key is public, but must not be guessable from another form's.
    String key = "frm_" + Secrets.random(18);
    WebForm form = toForm(id, key, 1, d, by.id(), now, now);
    db.insertInto(WEB_FORM).set(WEB_FORM.ID, id).set(WEB_FORM.FORM_KEY, key).set(WEB_FORM.VERSION, 1)
        .set(WEB_FORM.NAME, d.name()).set(WEB_FORM.LANGUAGE, d.language()).set(WEB_FORM.DEFINITION, store(form))
        .set(WEB_FORM.ACTIVE, d.active()).set(WEB_FORM.CREATED_BY, by.id()).set(WEB_FORM.CREATED_AT, now)
        .set(WEB_FORM.UPDATED_AT, now).execute();
    return form;
  }

  /** Applies a JSON merge patch to the form's writable fields; a stale {@code ifMatch} changes nothing (412). */
  @Transactional
  public WebForm update(UUID id, Map<String, ?> patch, @Nullable Integer ifMatch) {
    WebForm current = get(id);
    if (ifMatch != null && ifMatch != current.version()) {
      throw new StaleVersion(ifMatch, current.version());
    }
    Map<String, Object> merged = FormDefinitions.write(current);
    mergePatch(merged, patch);
    Definition d = FormDefinitions.parse(merged, catalog, current);
    Instant now = ApiTime.truncate(clock.instant());
    WebForm next = toForm(id, current.key(), current.version() + 1, d, current.createdBy(), current.createdAt(), now);
    int updated = db.update(WEB_FORM).set(WEB_FORM.VERSION, next.version()).set(WEB_FORM.NAME, d.name())
        .set(WEB_FORM.LANGUAGE, d.language()).set(WEB_FORM.DEFINITION, store(next)).set(WEB_FORM.ACTIVE, d.active())
        .set(WEB_FORM.UPDATED_AT, now)
        .where(WEB_FORM.ID.eq(id).and(WEB_FORM.VERSION.eq(current.version())).and(WEB_FORM.DELETED_AT.isNull()))
        .execute();
    if (updated == 0) {
      throw new DomainConflict("concurrent-change", "the form changed meanwhile; reload it and try again");
    }
    evictAfterCommit(current.key());
    return next;
  }

  @Transactional
  public void delete(UUID id) {
    evictAfterCommit(get(id).key());
    int n = db.update(WEB_FORM).set(WEB_FORM.DELETED_AT, ApiTime.truncate(clock.instant())).set(WEB_FORM.ACTIVE, false)
        .where(WEB_FORM.ID.eq(id).and(WEB_FORM.DELETED_AT.isNull())).execute();
    if (n == 0) {
      throw new NotFound("form");
    }
  }

  public WebForm get(UUID id) {
    return db.selectFrom(WEB_FORM).where(WEB_FORM.ID.eq(id).and(WEB_FORM.DELETED_AT.isNull())).fetchOptional()
        .map(WebForms::read).orElseThrow(() -> new NotFound("form"));
  }

  /**
   * The form behind a public key, while it is active and not deleted. Changes made on this node
   * apply at once, those of other nodes within {@link #CACHE_NANOS}.
   */
  public Optional<WebForm> active(String key) {
    if (key.length() > 40) {
      return Optional.empty();
    }
    long now = System.nanoTime();
    Cached cached = byKey.get(key);
    if (cached != null && now - cached.readAt() < CACHE_NANOS) {
      return cached.form();
    }
    Optional<WebForm> form = db.selectFrom(WEB_FORM)
        .where(WEB_FORM.FORM_KEY.eq(key).and(WEB_FORM.ACTIVE.isTrue()).and(WEB_FORM.DELETED_AT.isNull()))
        .fetchOptional().map(WebForms::read);
    if (byKey.size() > 10_000) {
      // Unknown keys are cached too (a flood of guesses must not reach the database), but never without bound.
      byKey.clear();
    }
    byKey.put(key, new Cached(form, now));
    return form;
  }

  /** Up to {@code limit} forms after the keyset position ({@code afterAt}, {@code afterId}) in creation order. */
  public List<WebForm> page(int limit, boolean newestFirst, @Nullable Instant afterAt, @Nullable UUID afterId) {
    Condition c = WEB_FORM.DELETED_AT.isNull();
    if (afterAt != null && afterId != null) {
      c = c.and(newestFirst ? DSL.row(WEB_FORM.CREATED_AT, WEB_FORM.ID).lt(afterAt, afterId)
          : DSL.row(WEB_FORM.CREATED_AT, WEB_FORM.ID).gt(afterAt, afterId));
    }
    return db.selectFrom(WEB_FORM).where(c)
        .orderBy(newestFirst ? List.of(WEB_FORM.CREATED_AT.desc(), WEB_FORM.ID.desc())
            : List.of(WEB_FORM.CREATED_AT.asc(), WEB_FORM.ID.asc()))
        .limit(limit).fetch(WebForms::read);
  }

  /** Accepted submissions per form (a honeypot catch or a refused post is not one). */
  public Map<UUID, Integer> submissionCounts(Collection<UUID> forms) {
    Map<UUID, Integer> counts = new LinkedHashMap<>();
    forms.forEach(f -> counts.put(f, 0));
    if (!forms.isEmpty()) {
      db.select(WEB_FORM_SUBMISSION.FORM_ID, DSL.count()).from(WEB_FORM_SUBMISSION)
          .where(WEB_FORM_SUBMISSION.FORM_ID.in(forms)).groupBy(WEB_FORM_SUBMISSION.FORM_ID)
          .forEach(r -> counts.put(r.value1(), r.value2()));
    }
    return counts;
  }

  /** After commit: evicted earlier, a concurrent read could cache the row as it was before this change. */
  private void evictAfterCommit(String key) {
    byKey.remove(key);
    if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
      org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
          new org.springframework.transaction.support.TransactionSynchronization() {
            @Override
            public void afterCommit() {
              byKey.remove(key);
            }
          });
    }
  }

  /** RFC 7386: objects merge member by member, null removes, anything else replaces. */
  @SuppressWarnings("unchecked")
  static void mergePatch(Map<String, Object> target, Map<String, ?> patch) {
    for (Map.Entry<String, ?> e : patch.entrySet()) {
      Object v = e.getValue();
      if (v == null) {
        target.remove(e.getKey());
      } else if (v instanceof Map<?, ?> p && target.get(e.getKey()) instanceof Map<?, ?> t) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) t);
        mergePatch(copy, (Map<String, ?>) p);
        target.put(e.getKey(), copy);
      } else {
        target.put(e.getKey(), v);
      }
    }
  }

  private static WebForm toForm(UUID id, String key, int version, Definition d, UUID by, Instant created,
      Instant updated) {
    return new WebForm(id, key, version, d.name(), d.language(), d.fields(), d.consent(), d.defaults(),
        d.onDuplicate(), d.redirectUrl(), d.redirectHosts(), d.allowedOrigins(), d.submissionsPerMinute(), d.active(),
        by, created, updated);
  }

  private static String store(WebForm form) {
    return JSON.writeValueAsString(FormDefinitions.write(form));
  }

  @SuppressWarnings("unchecked")
  private static WebForm read(WebFormRecord r) {
    Map<String, Object> d = JSON.readValue(r.getDefinition(), MAP);
    List<Field> fields = new ArrayList<>();
    for (Object o : (List<Object>) d.get("fields")) {
      Map<String, Object> f = (Map<String, Object>) o;
      fields.add(new Field((String) f.get("name"), (Map<String, String>) f.get("label"),
          Boolean.TRUE.equals(f.get("required"))));
    }
    ConsentBox consent = null;
    if (d.get("consent") instanceof Map<?, ?> c) {
      consent = new ConsentBox(Boolean.TRUE.equals(c.get("required")), (Map<String, String>) c.get("text"),
          ((Number) c.get("textVersion")).intValue(), (String) c.get("policyUrl"));
    }
    Object perMinute = d.get("submissionsPerMinute");
    return new WebForm(r.getId(), r.getFormKey(), r.getVersion(), r.getName(), r.getLanguage(), fields, consent,
        (Map<String, Object>) d.get("defaults"), WebForm.OnDuplicate.valueOf((String) d.get("onDuplicate")),
        (String) d.get("redirectUrl"), (List<String>) d.get("redirectHosts"), (List<String>) d.get("allowedOrigins"),
        perMinute == null ? null : ((Number) perMinute).intValue(), r.getActive(), r.getCreatedBy(), r.getCreatedAt(),
        r.getUpdatedAt());
  }
}
