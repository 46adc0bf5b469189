package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_TAG;
import static org.sarnakh.platform.db.Tables.SEGMENT_MEMBER;
import static org.sarnakh.platform.db.Tables.TEAM_MEMBER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadQuery;
import org.sarnakh.lead.LeadQuery.Filters;
import org.sarnakh.lead.LeadQuery.Sort;
import org.sarnakh.lead.LeadQuery.SortKey;
import org.sarnakh.platform.text.TextKeys;

/** Turns list filters, sorts, keyset positions and the role matrix into SQL conditions. */
public final class LeadConditions {

  private LeadConditions() {}

  /**
   * Record-level visibility (PRODUCT.md §5): admins and marketing see every lead; managers the
   * leads of their teams (pool or owned by a member) and the unrouted ones; reps their own and their
   * teams' unowned pool.
   */
  public static Condition visibleTo(CurrentUser user) {
    if (user.role().seesAllLeads()) {
      return DSL.trueCondition();
    }
    Condition own = LEAD.OWNER_ID.eq(user.id());
    Condition pool = LEAD.OWNER_ID.isNull().and(LEAD.TEAM_ID.in(user.teamIds()));
    if (user.role() == Role.SALES_REP) {
      return own.or(pool);
    }
    // Managers also see the unrouted leads: neither owner nor team (PRODUCT.md §9).
    return own.or(LEAD.TEAM_ID.in(user.teamIds())).or(LEAD.OWNER_ID.isNull().and(LEAD.TEAM_ID.isNull()))
        .or(LEAD.OWNER_ID.in(DSL.select(TEAM_MEMBER.USER_ID).from(TEAM_MEMBER).where(TEAM_MEMBER.TEAM_ID.in(user.teamIds()))));
  }

  public static Condition matching(Filters f, CurrentUser user) {
    return filters(f, user.id()).and(visibleTo(user));
  }

  /** The filters alone, for system work over every lead ({@code ownerId=me} matches nobody). */
  public static Condition matchingForEveryone(Filters f) {
    return filters(f, null);
  }

  private static Condition filters(Filters f, @Nullable UUID me) {
    List<Condition> c = new ArrayList<>();
    c.add(f.deleted() ? LEAD.DELETED_AT.isNotNull() : LEAD.DELETED_AT.isNull());
    if (f.q() != null) {
      c.add(search(f.q()));
    }
    if (!f.status().isEmpty()) {
      c.add(LEAD.STATUS.in(f.status().stream().map(Enum::name).toList()));
    }
    if (f.ownerId() != null) {
      c.add(switch (f.ownerId()) {
        case "me" -> me == null ? DSL.falseCondition() : LEAD.OWNER_ID.eq(me);
        case "none" -> LEAD.OWNER_ID.isNull();
        default -> LEAD.OWNER_ID.eq(UUID.fromString(f.ownerId()));
      });
    }
    if (!f.leadSource().isEmpty()) c.add(LEAD.LEAD_SOURCE.in(f.leadSource()));
    if (!f.rating().isEmpty()) c.add(LEAD.RATING.in(f.rating()));
    if (!f.industry().isEmpty()) c.add(LEAD.INDUSTRY.in(f.industry()));
    if (!f.tag().isEmpty()) {
      c.add(DSL.exists(DSL.selectOne().from(LEAD_TAG).where(LEAD_TAG.LEAD_ID.eq(LEAD.ID).and(LEAD_TAG.TAG.in(f.tag())))));
    }
    if (f.campaignId() != null) c.add(LEAD.CAMPAIGN_ID.eq(f.campaignId()));
    if (!f.country().isEmpty()) c.add(LEAD.COUNTRY.in(f.country()));
    if (f.city() != null) c.add(DSL.lower(LEAD.CITY).eq(f.city().toLowerCase(java.util.Locale.ROOT)));
    if (f.scoreMin() != null) c.add(org.sarnakh.platform.db.Tables.LEAD_SCORE.TOTAL.ge(f.scoreMin()));
    if (f.scoreMax() != null) c.add(org.sarnakh.platform.db.Tables.LEAD_SCORE.TOTAL.le(f.scoreMax()));
    if (f.createdFrom() != null) c.add(LEAD.CREATED_AT.ge(f.createdFrom()));
    if (f.createdTo() != null) c.add(LEAD.CREATED_AT.lt(f.createdTo()));
    if (!f.lifecycleStage().isEmpty()) c.add(LEAD.LIFECYCLE_STAGE.in(f.lifecycleStage().stream().map(Enum::name).toList()));
    if (f.teamId() != null) c.add(LEAD.TEAM_ID.eq(f.teamId()));
    if (f.segmentId() != null) {
      // Membership rows are the nurture module's (segments); the list reads them like the tag table.
      c.add(DSL.exists(DSL.selectOne().from(SEGMENT_MEMBER)
          .where(SEGMENT_MEMBER.SEGMENT_ID.eq(f.segmentId()).and(SEGMENT_MEMBER.LEAD_ID.eq(LEAD.ID)))));
    }
    return DSL.and(c);
  }

  /**
   * {@code q}: a run of digits in any digit system matches phone numbers by their digits; any other
   * text matches names, email and company after Persian/Arabic normalisation.
   */
  static Condition search(String q) {
    String digits = TextKeys.digits(q);
    boolean phoneLike = digits.length() >= 3 && q.strip().matches("[+()\\-\\s\\p{Nd}]+");
    if (phoneLike) {
      String key = TextKeys.phoneSearchDigits(q);
      return LEAD.PHONE_DIGITS.like("%" + escapeLike(key.isEmpty() ? digits : key) + "%", '!');
    }
    // Every word must appear, in any order: "رضایی علی" finds "علی رضایی".
    List<Condition> words = new ArrayList<>();
    for (String word : TextKeys.searchKey(q).split(" ")) {
      if (!word.isEmpty()) {
        words.add(LEAD.SEARCH_TEXT.like("%" + escapeLike(word) + "%", '!'));
      }
    }
    return words.isEmpty() ? DSL.trueCondition() : DSL.and(words);
  }

  static String escapeLike(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  static Field<?> column(SortKey key) {
    return switch (key) {
      case createdAt -> LEAD.CREATED_AT;
      case updatedAt -> LEAD.UPDATED_AT;
      case firstName -> LEAD.FIRST_NAME;
      case lastName -> LEAD.LAST_NAME;
      case accountName -> LEAD.ACCOUNT_NAME;
      case email -> LEAD.EMAIL;
      case status -> LEAD.STATUS;
      case rating -> LEAD.RATING;
      case leadSource -> LEAD.LEAD_SOURCE;
      case industry -> LEAD.INDUSTRY;
      case ownerId -> LEAD.OWNER_ID;
      case city -> LEAD.CITY;
      case country -> LEAD.COUNTRY;
      case title -> LEAD.TITLE;
      case score -> org.sarnakh.platform.db.Tables.LEAD_SCORE.TOTAL;
      case companySize -> LEAD.COMPANY_SIZE;
      case lifecycleStage -> LEAD.LIFECYCLE_STAGE;
    };
  }

  static boolean nullable(SortKey key) {
    return !(key == SortKey.createdAt || key == SortKey.updatedAt || key == SortKey.score || key == SortKey.status
        || key == SortKey.lifecycleStage);
  }

  /** Order: the sort column (nulls count as the largest value), then the id as tie-breaker. */
  public static List<SortField<?>> order(Sort sort) {
    Field<?> col = column(sort.key());
    return sort.descending()
        ? List.of(col.desc().nullsFirst(), LEAD.ID.desc())
        : List.of(col.asc().nullsLast(), LEAD.ID.asc());
  }

  /** Rows strictly after the cursor in the list's order. */
  @SuppressWarnings("unchecked")
  public static Condition after(Sort sort, LeadQuery.@Nullable Cursor cursor) {
    if (cursor == null) {
      return DSL.trueCondition();
    }
    Field<Object> col = (Field<Object>) column(sort.key());
    Object v = cursor.value() == null ? null : typed(sort.key(), cursor.value());
    UUID id = cursor.id();
    boolean desc = sort.descending();
    if (!nullable(sort.key())) {
      return desc ? DSL.row(col, LEAD.ID).lt(v, id) : DSL.row(col, LEAD.ID).gt(v, id);
    }
    if (!desc) {
      return v == null
          ? col.isNull().and(LEAD.ID.gt(id))
          : col.gt(v).or(col.eq(v).and(LEAD.ID.gt(id))).or(col.isNull());
    }
    return v == null
        ? col.isNull().and(LEAD.ID.lt(id)).or(col.isNotNull())
        : col.lt(v).or(col.eq(v).and(LEAD.ID.lt(id)));
  }

  /** The text a cursor carries for a row's sort value. */
  public static @Nullable String cursorValue(Sort sort, org.sarnakh.lead.Lead lead) {
    Object v = switch (sort.key()) {
      case createdAt -> lead.createdAt();
      case updatedAt -> lead.updatedAt();
      case status -> lead.status().name();
      case lifecycleStage -> lead.lifecycleStage().name();
      case score -> lead.score().total();
      // The address columns sort by their short names but are stored under their dotted API names.
      case city -> lead.get(org.sarnakh.lead.LeadField.CITY);
      case country -> lead.get(org.sarnakh.lead.LeadField.COUNTRY);
      default -> lead.get(org.sarnakh.lead.LeadField.byApiName(sort.key().name()).orElseThrow());
    };
    return v == null ? null : v.toString();
  }

  private static Object typed(SortKey key, String value) {
    return switch (key) {
      case createdAt, updatedAt -> Instant.parse(value);
      case score, companySize -> Integer.valueOf(value);
      case ownerId -> UUID.fromString(value);
      default -> value;
    };
  }

}
