package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_SCORE;
import static org.sarnakh.platform.db.Tables.LEAD_TAG;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Instant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.TableField;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.Attribution;
import org.sarnakh.lead.Consent;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadId;
import org.sarnakh.lead.LeadScore;
import org.sarnakh.lead.LeadStatus;
import org.sarnakh.lead.LifecycleStage;
import org.sarnakh.lead.Money;
import org.sarnakh.platform.BulkInsert;
import org.sarnakh.platform.db.tables.records.LeadRecord;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores leads; lists use keyset pages, nested tags come in one query per page. */
@Repository
public class Leads {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<TreeMap<String, String>> CUSTOM = new TypeReference<>() {};
  private final DSLContext db;

  Leads(DSLContext db) {
    this.db = db;
  }

  public void insert(Lead lead) {
    LeadRecord r = db.newRecord(LEAD);
    write(lead, r);
    r.setId(lead.id().value());
    r.setVersion(0L);
    r.setCreatedAt(lead.createdAt());
    r.setCreatedBy(lead.createdBy());
    r.insert();
    db.insertInto(LEAD_SCORE).set(scoreRecord(lead)).execute();
    insertTags(lead.id().value(), lead.tags());
  }

  private org.sarnakh.platform.db.tables.records.LeadScoreRecord scoreRecord(Lead lead) {
    return db.newRecord(LEAD_SCORE).setLeadId(lead.id().value()).setFit(lead.score().fit())
        .setEngagement(lead.score().engagement()).setTotal(lead.score().total());
  }

  /** Leads with their scores: what every read of whole leads and every list condition selects from. */
  static final org.jooq.Table<?> LEADS = LEAD.join(LEAD_SCORE).on(LEAD_SCORE.LEAD_ID.eq(LEAD.ID));

  /** The columns of a whole lead: the lead's, then its score's (what {@link LeadColumns} reads by position). */
  static final List<Field<?>> COLUMNS;

  static {
    List<Field<?>> c = new ArrayList<>(List.of(LEAD.fields()));
    c.addAll(LeadColumns.SCORE);
    COLUMNS = List.copyOf(c);
  }

  /** Inserts many new leads in JDBC batches (multi-row on PostgreSQL with reWriteBatchedInserts). */
  public void insertBatch(List<Lead> batch) {
    List<LeadRecord> rows = new ArrayList<>(batch.size());
    List<org.sarnakh.platform.db.tables.records.LeadTagRecord> tags = new ArrayList<>();
    List<org.sarnakh.platform.db.tables.records.LeadScoreRecord> scores = new ArrayList<>(batch.size());
    for (Lead lead : batch) {
      scores.add(scoreRecord(lead));
      LeadRecord r = db.newRecord(LEAD);
      write(lead, r);
      r.setId(lead.id().value());
      r.setVersion(0L);
      r.setCreatedAt(lead.createdAt());
      r.setCreatedBy(lead.createdBy());
      rows.add(r);
      for (String tag : lead.tags()) {
        tags.add(db.newRecord(LEAD_TAG).setLeadId(lead.id().value()).setTag(tag));
      }
    }
    BulkInsert.insert(db, LEAD, List.of(LEAD.fields()), rows);
    BulkInsert.insert(db, LEAD_SCORE, List.of(LEAD_SCORE.fields()), scores);
    BulkInsert.insert(db, LEAD_TAG, List.of(LEAD_TAG.fields()), tags);
  }

  public long count() {
    return db.fetchCount(LEAD);
  }

  public void refreshStatistics() {
    if (db.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
      db.execute("analyze lead, lead_score, lead_tag, lead_history");
    } else {
      db.execute("analyze");
    }
  }

  public long count(Condition where) {
    return db.fetchCount(LEADS, where);
  }

  /** Writes a changed lead if its stored version is still {@code expectedVersion}; false if it is not. */
  public boolean update(Lead lead, long expectedVersion) {
    LeadRecord r = db.newRecord(LEAD);
    write(lead, r);
    r.setVersion(expectedVersion + 1);
    UpdateSetMoreStep<LeadRecord> step = db.update(LEAD).set(r);
    int n = step.where(LEAD.ID.eq(lead.id().value()).and(LEAD.VERSION.eq(expectedVersion))).execute();
    if (n == 0) {
      return false;
    }
    db.deleteFrom(LEAD_TAG).where(LEAD_TAG.LEAD_ID.eq(lead.id().value())).execute();
    insertTags(lead.id().value(), lead.tags());
    lead.stored(expectedVersion + 1);
    return true;
  }

  /**
   * Stores the owner, team, status and time of changed leads in one JDBC batch, each only if its
   * stored version is still the one it was read at; false (and nothing to rely on) when one was not.
   */
  public boolean storeAssignments(List<Lead> changed) {
    var batch = db.batch(db.update(LEAD).set(LEAD.OWNER_ID, (UUID) null).set(LEAD.TEAM_ID, (UUID) null)
        .set(LEAD.STATUS, (String) null).set(LEAD.UPDATED_AT, (Instant) null).set(LEAD.VERSION, (Long) null)
        .where(LEAD.ID.eq((UUID) null)).and(LEAD.VERSION.eq((Long) null)));
    for (Lead lead : changed) {
      batch.bind(lead.ownerId(), lead.teamId(), lead.status().name(), lead.updatedAt(), lead.version() + 1,
          lead.id().value(), lead.version());
    }
    int[] counts = batch.execute();
    for (int n : counts) {
      // A driver may answer SUCCESS_NO_INFO (-2) for a batched statement; only 0 means "not matched".
      if (n == 0) {
        return false;
      }
    }
    for (Lead lead : changed) {
      lead.stored(lead.version() + 1);
    }
    return true;
  }

  /** Which of these leads exist and are not deleted. */
  public Set<UUID> existing(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new java.util.HashSet<>(db.select(LEAD.ID).from(LEAD).where(LEAD.ID.in(ids).and(LEAD.DELETED_AT.isNull()))
        .fetch(LEAD.ID));
  }

  public void storeScores(Map<LeadId, org.sarnakh.lead.LeadScore> scores) {
    if (scores.isEmpty()) {
      return;
    }
    var batch = db.batch(db.update(LEAD_SCORE).set(LEAD_SCORE.FIT, (Integer) null)
        .set(LEAD_SCORE.ENGAGEMENT, (Integer) null).set(LEAD_SCORE.TOTAL, (Integer) null)
        .where(LEAD_SCORE.LEAD_ID.eq((UUID) null)));
    scores.forEach((id, s) -> batch.bind(s.fit(), s.engagement(), s.total(), id.value()));
    batch.execute();
  }

  /** Leads per score band of {@code width} points, keyed by the band's lowest score. */
  public java.util.SortedMap<Integer, Long> scoreBands(Condition where, int width) {
    // floor(score / width) * width, rounding toward minus infinity on both databases; the width is inlined so that
    // PostgreSQL sees the grouped expression and the selected one as the same.
    var band = DSL.floor(LEAD_SCORE.TOTAL.cast(org.jooq.impl.SQLDataType.NUMERIC).div(DSL.inline(width))).cast(Integer.class);
    java.util.SortedMap<Integer, Long> out = new java.util.TreeMap<>();
    db.select(band, DSL.count()).from(LEADS).where(where).groupBy(band)
        .forEach(r -> out.put(r.value1() * width, r.value2().longValue()));
    return out;
  }

  /** The leads with these ids, whoever asks (for system work such as scoring); deleted ones too. */
  public List<Lead> byIds(Collection<UUID> ids) {
    return findAll(ids, DSL.trueCondition());
  }

  /** Which of these leads refused marketing (their consent is DENIED). */
  public Set<UUID> refusedMarketing(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new java.util.HashSet<>(db.select(LEAD.ID).from(LEAD)
        .where(LEAD.ID.in(ids).and(LEAD.CONSENT_STATUS.eq(Consent.Status.DENIED.name()))).fetch(LEAD.ID));
  }

  /** The lead of each of these normalised emails: the oldest when several share one. */
  public Map<String, UUID> byEmail(Collection<String> emails) {
    Map<String, UUID> found = new HashMap<>();
    if (!emails.isEmpty()) {
      db.select(LEAD.EMAIL_KEY, LEAD.ID).from(LEAD).where(LEAD.EMAIL_KEY.in(emails).and(LEAD.DELETED_AT.isNull()))
          .orderBy(LEAD.CREATED_AT.desc(), LEAD.ID.desc())
          .forEach(r -> found.put(r.value1(), r.value2()));
    }
    return found;
  }

  public long currentVersion(LeadId id) {
    Long v = db.select(LEAD.VERSION).from(LEAD).where(LEAD.ID.eq(id.value())).fetchOne(LEAD.VERSION);
    return v == null ? -1 : v;
  }

  public Optional<Lead> find(LeadId id, Condition visible) {
    return db.select(COLUMNS).from(LEADS).where(LEAD.ID.eq(id.value()).and(visible)).fetchOptional()
        .map(r -> toLead(LeadColumns.of(r), tagsOf(Set.of(r.get(LEAD.ID))).getOrDefault(r.get(LEAD.ID), List.of())));
  }

  /** The leads with these ids that {@code visible} admits, with their tags; one query for the leads, one for the tags. */
  public List<Lead> findAll(Collection<UUID> ids, Condition visible) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return page(LEAD.ID.in(ids).and(visible), List.of(LEAD.ID.asc()), ids.size());
  }

  /** One keyset page: {@code limit} rows in {@code order}, after the position {@code after} describes. */
  public List<Lead> page(Condition where, List<SortField<?>> order, int limit) {
    List<LeadColumns.Row> rows = new ArrayList<>(limit);
    try (ResultSet rs = db.select(COLUMNS).from(LEADS).where(where).orderBy(order).limit(limit).fetchResultSet()) {
      while (rs.next()) {
        rows.add(LeadColumns.of(rs));
      }
    } catch (SQLException e) {
      throw new org.jooq.exception.DataAccessException("reading a page of leads failed", e);
    }
    Map<UUID, List<String>> tags = tagsOf(rows.stream().map(r -> r.get(LEAD.ID)).toList());
    return rows.stream().map(r -> toLead(r, tags.getOrDefault(r.get(LEAD.ID), List.of()))).toList();
  }

  /**
   * Streams every matching lead in order, in chunks by keyset, so memory stays bounded whatever
   * the table size and no transaction stays open for the whole export.
   */
  public void forEach(Condition where, Consumer<Lead> sink) {
    UUID after = null;
    while (true) {
      Condition c = after == null ? where : where.and(LEAD.ID.gt(after));
      List<Lead> chunk = page(c, List.of(LEAD.ID.asc()), 1000);
      chunk.forEach(sink);
      if (chunk.size() < 1000) {
        return;
      }
      after = chunk.get(chunk.size() - 1).id().value();
    }
  }

  public List<UUID> ids(Condition where, int limit, @Nullable UUID after) {
    return db.select(LEAD.ID).from(LEADS).where(after == null ? where : where.and(LEAD.ID.gt(after)))
        .orderBy(LEAD.ID).limit(limit).fetch(LEAD.ID);
  }

  /** The id {@code n} places after {@code after} in id order (all leads, deleted ones too), or null when fewer follow. */
  public @Nullable UUID nthIdAfter(@Nullable UUID after, int n) {
    return db.select(LEAD.ID).from(LEAD).where(after == null ? org.jooq.impl.DSL.trueCondition() : LEAD.ID.gt(after))
        .orderBy(LEAD.ID).offset(n - 1).limit(1).fetchOne(LEAD.ID);
  }

  private Map<UUID, List<String>> tagsOf(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, List<String>> tags = new HashMap<>();
    db.select(LEAD_TAG.LEAD_ID, LEAD_TAG.TAG).from(LEAD_TAG).where(LEAD_TAG.LEAD_ID.in(ids))
        .orderBy(LEAD_TAG.TAG)
        .forEach(r -> tags.computeIfAbsent(r.value1(), k -> new ArrayList<>()).add(r.value2()));
    return tags;
  }

  private void insertTags(UUID id, List<String> tags) {
    if (tags.isEmpty()) {
      return;
    }
    var insert = db.insertInto(LEAD_TAG, LEAD_TAG.LEAD_ID, LEAD_TAG.TAG);
    for (String tag : tags) {
      insert = insert.values(id, tag);
    }
    insert.execute();
  }

  @SuppressWarnings("unchecked")
  private static void write(Lead lead, LeadRecord r) {
    LeadColumns.SIMPLE.forEach((field, column) -> r.set((Field<Object>) column, lead.get(field)));
    Money amount = (Money) lead.get(LeadField.OPPORTUNITY_AMOUNT);
    r.setOpportunityAmount(amount == null ? null : amount.amount());
    r.setOpportunityCurrency(amount == null ? null : amount.currency().getCurrencyCode());
    Money revenue = (Money) lead.get(LeadField.ANNUAL_REVENUE);
    r.setAnnualRevenue(revenue == null ? null : revenue.amount());
    r.setAnnualRevenueCurrency(revenue == null ? null : revenue.currency().getCurrencyCode());
    Map<String, String> custom = (Map<String, String>) lead.get(LeadField.CUSTOM_FIELDS);
    r.setCustomFields(custom == null || custom.isEmpty() ? null : JSON.writeValueAsString(custom));
    r.setStatus(lead.status().name());
    r.setDeadReason(lead.deadReason());
    r.setLifecycleStage(lead.lifecycleStage().name());
    r.setConsentStatus(lead.consent().status().name());
    r.setConsentSource(lead.consent().source());
    r.setConsentAt(lead.consent().at());
    r.setUpdatedAt(lead.updatedAt());
    r.setConvertedAt(lead.convertedAt());
    r.setDeletedAt(lead.deletedAt());
    r.setEmailKey(lead.text(LeadField.EMAIL));
    r.setSearchText(searchText(lead));
    r.setPhoneDigits(phoneDigits(lead.text(LeadField.PHONE), lead.text(LeadField.MOBILE)));
    // Only the columns set above are written on update; the key, creation time and author stay.
    r.changed(LEAD.ID, false);
    r.changed(LEAD.CREATED_AT, false);
    r.changed(LEAD.CREATED_BY, false);
  }

  static String searchText(Lead lead) {
    String joined = java.util.stream.Stream.of(LeadField.FIRST_NAME, LeadField.LAST_NAME, LeadField.ACCOUNT_NAME,
            LeadField.EMAIL)
        .map(lead::text).filter(s -> s != null).collect(Collectors.joining(" "));
    String key = TextKeys.searchKey(joined);
    return key.length() > 1000 ? key.substring(0, 1000) : key;
  }

  static @Nullable String phoneDigits(@Nullable String phone, @Nullable String mobile) {
    String joined = java.util.stream.Stream.of(phone, mobile).filter(s -> s != null)
        .map(TextKeys::phoneSearchDigits).filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
    return joined.isEmpty() ? null : joined;
  }

  @SuppressWarnings("unchecked")
  static Lead toLead(LeadColumns.Row r, List<String> tags) {
    Map<LeadField, Object> values = new EnumMap<>(LeadField.class);
    LeadColumns.SIMPLE.forEach((field, column) -> {
      Object v = r.get((TableField<LeadRecord, Object>) column);
      if (v != null) {
        values.put(field, v);
      }
    });
    money(r.get(LEAD.OPPORTUNITY_AMOUNT), r.get(LEAD.OPPORTUNITY_CURRENCY))
        .ifPresent(m -> values.put(LeadField.OPPORTUNITY_AMOUNT, m));
    money(r.get(LEAD.ANNUAL_REVENUE), r.get(LEAD.ANNUAL_REVENUE_CURRENCY))
        .ifPresent(m -> values.put(LeadField.ANNUAL_REVENUE, m));
    if (!tags.isEmpty()) {
      values.put(LeadField.TAGS, List.copyOf(tags));
    }
    String custom = r.get(LEAD.CUSTOM_FIELDS);
    if (custom != null) {
      values.put(LeadField.CUSTOM_FIELDS, new LinkedHashMap<>(JSON.readValue(custom, CUSTOM)));
    }
    Lead lead = new Lead(new LeadId(r.get(LEAD.ID)), r.get(LEAD.VERSION), values,
        LeadStatus.valueOf(r.get(LEAD.STATUS)), r.get(LEAD.DEAD_REASON),
        LifecycleStage.valueOf(r.get(LEAD.LIFECYCLE_STAGE)),
        new Consent(Consent.Status.valueOf(r.get(LEAD.CONSENT_STATUS)), r.get(LEAD.CONSENT_SOURCE),
            r.get(LEAD.CONSENT_AT)),
        new LeadScore(r.score(LEAD_SCORE.FIT), r.score(LEAD_SCORE.ENGAGEMENT), r.score(LEAD_SCORE.TOTAL)),
        r.get(LEAD.CREATED_AT), r.get(LEAD.UPDATED_AT), r.get(LEAD.CREATED_BY),
        r.get(LEAD.CONVERTED_AT), r.get(LEAD.DELETED_AT));
    lead.attributed(new Attribution(
        touch(r.get(LEAD.FIRST_TOUCH_SOURCE), r.get(LEAD.FIRST_TOUCH_MEDIUM), r.get(LEAD.FIRST_TOUCH_CAMPAIGN),
            r.get(LEAD.FIRST_TOUCH_AT)),
        touch(r.get(LEAD.LAST_TOUCH_SOURCE), r.get(LEAD.LAST_TOUCH_MEDIUM), r.get(LEAD.LAST_TOUCH_CAMPAIGN),
            r.get(LEAD.LAST_TOUCH_AT))));
    return lead;
  }

  private static Attribution.@Nullable Touch touch(@Nullable String source, @Nullable String medium,
      @Nullable String campaign, @Nullable Instant at) {
    return at == null ? null : new Attribution.Touch(source, medium, campaign, at);
  }

  /**
   * Records a touch: as the first touch when there is none or it is earlier than the stored one,
   * as the last when it is later. A single update, so concurrent touches cannot both win. The
   * lead's version and change log stay: a touch is what happened to the lead, not an edit of it.
   */
  public void recordTouch(UUID id, Attribution.Touch t) {
    Condition earlier = LEAD.FIRST_TOUCH_AT.isNull().or(LEAD.FIRST_TOUCH_AT.gt(t.at()));
    db.update(LEAD)
        .set(LEAD.FIRST_TOUCH_SOURCE, DSL.when(earlier, DSL.val(t.source())).else_(LEAD.FIRST_TOUCH_SOURCE))
        .set(LEAD.FIRST_TOUCH_MEDIUM, DSL.when(earlier, DSL.val(t.medium())).else_(LEAD.FIRST_TOUCH_MEDIUM))
        .set(LEAD.FIRST_TOUCH_CAMPAIGN, DSL.when(earlier, DSL.val(t.campaign())).else_(LEAD.FIRST_TOUCH_CAMPAIGN))
        .set(LEAD.FIRST_TOUCH_AT, DSL.when(earlier, DSL.val(t.at())).else_(LEAD.FIRST_TOUCH_AT))
        .set(LEAD.LAST_TOUCH_SOURCE, DSL.when(newer(t), DSL.val(t.source())).else_(LEAD.LAST_TOUCH_SOURCE))
        .set(LEAD.LAST_TOUCH_MEDIUM, DSL.when(newer(t), DSL.val(t.medium())).else_(LEAD.LAST_TOUCH_MEDIUM))
        .set(LEAD.LAST_TOUCH_CAMPAIGN, DSL.when(newer(t), DSL.val(t.campaign())).else_(LEAD.LAST_TOUCH_CAMPAIGN))
        .set(LEAD.LAST_TOUCH_AT, DSL.when(newer(t), DSL.val(t.at())).else_(LEAD.LAST_TOUCH_AT))
        .where(LEAD.ID.eq(id))
        .execute();
  }

  private static Condition newer(Attribution.Touch t) {
    return LEAD.LAST_TOUCH_AT.isNull().or(LEAD.LAST_TOUCH_AT.le(t.at()));
  }

  private static Optional<Money> money(@Nullable BigDecimal amount, @Nullable String currency) {
    return amount == null || currency == null ? Optional.empty()
        : Optional.of(new Money(amount, Currency.getInstance(currency)));
  }
}
