package org.sarnakh.identity;

import static org.sarnakh.platform.db.Tables.APP_USER;
import static org.sarnakh.platform.db.Tables.TEAM;
import static org.sarnakh.platform.db.Tables.TEAM_MEMBER;

import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.sarnakh.platform.db.tables.records.AppUserRecord;
import org.springframework.stereotype.Component;

/** Read side of users and teams, for every module that shows or checks them. */
@Component
public class UserDirectory {

  private final DSLContext db;

  UserDirectory(DSLContext db) {
    this.db = db;
  }

  public Optional<CurrentUser> current(UUID id) {
    return db.selectFrom(APP_USER).where(APP_USER.ID.eq(id).and(APP_USER.ACTIVE.isTrue())).fetchOptional()
        .map(this::currentOf);
  }

  /** The user of a row just read (with a credential, say), with their teams. */
  CurrentUser currentOf(AppUserRecord u) {
    return new CurrentUser(u.getId(), u.getEmail(), u.getDisplayName(), Role.valueOf(u.getRole()), teamsOf(u.getId()),
        u.getLocale(), u.getCalendar(), ZoneId.of(u.getTimeZone()));
  }

  public Optional<UserSummary> find(UUID id) {
    return db.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional().map(u -> summary(u, teamsOf(u.getId())));
  }

  public boolean isActiveUser(UUID id) {
    return db.fetchExists(APP_USER, APP_USER.ID.eq(id).and(APP_USER.ACTIVE.isTrue()));
  }

  public boolean teamExists(UUID id) {
    return db.fetchExists(TEAM, TEAM.ID.eq(id));
  }

  /** Users ordered by display name; small (hundreds), so one list. */
  public List<UserSummary> list() {
    Map<UUID, Set<UUID>> teams = new HashMap<>();
    db.selectFrom(TEAM_MEMBER).forEach(m -> teams.computeIfAbsent(m.getUserId(), k -> new HashSet<>()).add(m.getTeamId()));
    return db.selectFrom(APP_USER).orderBy(APP_USER.DISPLAY_NAME, APP_USER.ID).fetch()
        .map(u -> summary(u, teams.getOrDefault(u.getId(), Set.of())));
  }

  public List<TeamSummary> teams() {
    return db.select(TEAM.ID, TEAM.NAME, DSL.count(TEAM_MEMBER.USER_ID))
        .from(TEAM).leftJoin(TEAM_MEMBER).on(TEAM_MEMBER.TEAM_ID.eq(TEAM.ID))
        .groupBy(TEAM.ID, TEAM.NAME).orderBy(TEAM.NAME)
        .fetch(r -> new TeamSummary(r.value1(), r.value2(), r.value3()));
  }

  /** Display names by id, for lists that show owners; one query for the whole page. */
  public Map<UUID, String> names(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    Map<UUID, String> names = new HashMap<>();
    db.select(APP_USER.ID, APP_USER.DISPLAY_NAME).from(APP_USER).where(APP_USER.ID.in(ids))
        .forEach((Record r) -> names.put(r.get(APP_USER.ID), r.get(APP_USER.DISPLAY_NAME)));
    return names;
  }

  Set<UUID> teamsOf(UUID userId) {
    return new HashSet<>(db.select(TEAM_MEMBER.TEAM_ID).from(TEAM_MEMBER).where(TEAM_MEMBER.USER_ID.eq(userId))
        .fetch(TEAM_MEMBER.TEAM_ID));
  }

  static UserSummary summary(AppUserRecord u, Set<UUID> teams) {
    return new UserSummary(u.getId(), u.getEmail(), u.getDisplayName(), Role.valueOf(u.getRole()), u.getActive(),
        teams, u.getLocale(), u.getCalendar(), u.getTimeZone(), u.getCreatedAt());
  }
}
