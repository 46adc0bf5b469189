package org.sarnakh.lead.internal;

import static org.sarnakh.platform.db.Tables.CAMPAIGN;
import static org.sarnakh.platform.db.Tables.CODE_LIST;
import static org.sarnakh.platform.db.Tables.CUSTOM_FIELD;

import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.platform.SarnakhSettings;
import org.springframework.stereotype.Component;

@Component
class DatabaseLeadCatalog implements LeadCatalog {

  private final DSLContext db;
  private final UserDirectory users;
  private final SarnakhSettings settings;

  DatabaseLeadCatalog(DSLContext db, UserDirectory users, SarnakhSettings settings) {
    this.db = db;
    this.users = users;
    this.settings = settings;
  }

  @Override
  public boolean codeExists(String list, String code) {
    return db.fetchExists(CODE_LIST, CODE_LIST.KIND.eq(list).and(CODE_LIST.CODE.eq(code)).and(CODE_LIST.ACTIVE.isTrue()));
  }

  @Override
  public boolean codeKnown(String list, String code) {
    return db.fetchExists(CODE_LIST, CODE_LIST.KIND.eq(list).and(CODE_LIST.CODE.eq(code)));
  }

  @Override
  public Optional<CustomFieldDefinition> customField(String name) {
    return db.selectFrom(CUSTOM_FIELD).where(CUSTOM_FIELD.NAME.eq(name)).fetchOptional()
        .map(r -> new CustomFieldDefinition(r.getName(), r.getFieldType(), r.getMaxLength()));
  }

  @Override
  public boolean campaignExists(UUID id) {
    return db.fetchExists(CAMPAIGN, CAMPAIGN.ID.eq(id));
  }

  @Override
  public boolean activeUser(UUID id) {
    return users.isActiveUser(id);
  }

  @Override
  public boolean teamExists(UUID id) {
    return users.teamExists(id);
  }

  @Override
  public String defaultRegion() {
    return settings.defaultRegion();
  }
}
