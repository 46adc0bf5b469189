package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.CAMPAIGN;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Names of the campaigns leads name, for pickers and labels on lead pages. */
@Component
public class CampaignNames {

  private final DSLContext db;

  CampaignNames(DSLContext db) {
    this.db = db;
  }

  /** The newest campaigns, at most {@code limit}, by id. */
  public Map<UUID, String> recent(int limit) {
    Map<UUID, String> names = new LinkedHashMap<>();
    db.select(CAMPAIGN.ID, CAMPAIGN.NAME).from(CAMPAIGN).orderBy(CAMPAIGN.CREATED_AT.desc(), CAMPAIGN.ID).limit(limit)
        .forEach(r -> names.put(r.value1(), r.value2()));
    return names;
  }

  public Map<UUID, String> of(Collection<UUID> ids) {
    Map<UUID, String> names = new LinkedHashMap<>();
    if (!ids.isEmpty()) {
      db.select(CAMPAIGN.ID, CAMPAIGN.NAME).from(CAMPAIGN).where(CAMPAIGN.ID.in(ids))
          .forEach(r -> names.put(r.value1(), r.value2()));
    }
    return names;
  }
}
