package org.sarnakh.lead;

import static org.sarnakh.platform.db.Tables.LEAD;
import static org.sarnakh.platform.db.Tables.LEAD_SCORE;

import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.lead.LeadQuery.Filters;
import org.sarnakh.lead.internal.LeadConditions;

/**
 * Leads as sets, for modules that keep their own rows per lead in step with list filters (segment
 * membership) and must do it in set-based SQL rather than lead by lead. Select {@link #id()} from
 * {@link #table()} where {@link #matching(Filters)}; the filters are those of the lead list, applied
 * whoever asks (the caller decides who may see the result), over the leads not deleted.
 */
public final class LeadSets {

  private LeadSets() {}

  /** The leads joined with their scores: what list conditions select from. */
  public static Table<?> table() {
    return LEAD.join(LEAD_SCORE).on(LEAD_SCORE.LEAD_ID.eq(LEAD.ID));
  }

  /** What {@code filters} need to select from: the leads alone unless they filter on score (the join costs a scan). */
  public static Table<?> table(Filters filters) {
    return filters.scoreMin() != null || filters.scoreMax() != null ? table() : LEAD;
  }

  public static Field<UUID> id() {
    return LEAD.ID;
  }

  /** Live leads matching these list filters, for every viewer; {@code ownerId=me} has no meaning here and is refused. */
  public static Condition matching(Filters filters) {
    if ("me".equals(filters.ownerId())) {
      throw new IllegalArgumentException("ownerId=me depends on who asks");
    }
    return LeadConditions.matchingForEveryone(filters.withDeleted(false));
  }

  public static Condition among(Collection<UUID> ids) {
    return LEAD.ID.in(ids);
  }

  /** Leads in {@code (after, upTo]} by id, a null bound open: a chunk of a pass over every lead. */
  public static Condition idBetween(@Nullable UUID after, @Nullable UUID upTo) {
    Condition c = DSL.trueCondition();
    if (after != null) {
      c = c.and(LEAD.ID.gt(after));
    }
    return upTo == null ? c : c.and(LEAD.ID.le(upTo));
  }

  /** When a lead last changed (any path, bulk ones too): the feed that catch-up passes follow. */
  public static Field<Instant> updatedAt() {
    return LEAD.UPDATED_AT;
  }
}
