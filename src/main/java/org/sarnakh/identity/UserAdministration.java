package org.sarnakh.identity;

import static org.sarnakh.platform.db.Tables.APP_USER;
import static org.sarnakh.platform.db.Tables.AUTH_TOKEN;
import static org.sarnakh.platform.db.Tables.TEAM;
import static org.sarnakh.platform.db.Tables.TEAM_MEMBER;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating and changing users and teams: the administrator's side of identity. */
@Service
public class UserAdministration {

  public static final int MIN_PASSWORD = 10;
  static final Duration INVITATION_LIFETIME = Duration.ofDays(7);
  static final Set<String> LOCALES = Set.of("fa", "ar", "en");
  static final Set<String> CALENDARS = Set.of("JALALI", "GREGORIAN");

  public record NewUser(
      String email, String displayName, Role role, List<UUID> teamIds, @Nullable String password) {}

  /** A created user, with the one-time invitation token when no password was given. */
  public record Created(UserSummary user, @Nullable String invitationToken) {}

  public record Preferences(@Nullable String locale, @Nullable String calendar, @Nullable String timeZone) {}

  private final DSLContext db;
  private final PasswordEncoder passwords;
  private final UserDirectory directory;
  private final Clock clock;

  UserAdministration(DSLContext db, PasswordEncoder passwords, UserDirectory directory, Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.directory = directory;
    this.clock = clock;
  }

  @Transactional
  public Created create(NewUser input) {
    List<FieldProblem> problems = new ArrayList<>();
    String email = input.email() == null ? "" : input.email().strip().toLowerCase(Locale.ROOT);
    if (!email.matches("[^@\\s]{1,64}@[^@\\s]{1,189}") || email.length() > 254 || TextKeys.hasForbiddenControls(email)) {
      problems.add(new FieldProblem("email", "not a valid email address"));
    }
    String name = input.displayName() == null ? "" : input.displayName().strip();
    if (name.isEmpty() || name.length() > 100 || TextKeys.hasForbiddenControls(name)) {
      problems.add(new FieldProblem("displayName", "required, at most 100 characters, no control characters"));
    }
    if (input.role() == null) {
      problems.add(new FieldProblem("role", "required: ADMIN, MARKETING, SALES_MANAGER or SALES_REP"));
    }
    if (input.password() != null && input.password().length() < MIN_PASSWORD) {
      problems.add(new FieldProblem("password", "at least " + MIN_PASSWORD + " characters"));
    }
    List<UUID> teams = input.teamIds() == null ? List.of() : input.teamIds();
    for (UUID team : teams) {
      if (!directory.teamExists(team)) {
        problems.add(new FieldProblem("teamIds", "unknown team " + team));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    if (db.fetchExists(APP_USER, APP_USER.EMAIL.eq(email))) {
      throw new DomainConflict("duplicate-user", "a user with this email exists");
    }
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    db.insertInto(APP_USER)
        .set(APP_USER.ID, id).set(APP_USER.EMAIL, email).set(APP_USER.DISPLAY_NAME, name)
        .set(APP_USER.ROLE, input.role().name())
        .set(APP_USER.PASSWORD_HASH, input.password() == null ? null : passwords.encode(input.password()))
        .set(APP_USER.CREATED_AT, now)
        .execute();
    for (UUID team : teams) {
      db.insertInto(TEAM_MEMBER).set(TEAM_MEMBER.TEAM_ID, team).set(TEAM_MEMBER.USER_ID, id).execute();
    }
    String invitation = null;
    if (input.password() == null) {
      invitation = "inv_" + Secrets.random(32);
      db.insertInto(AUTH_TOKEN).set(AUTH_TOKEN.TOKEN_HASH, Secrets.sha256(invitation)).set(AUTH_TOKEN.PURPOSE, "INVITE")
          .set(AUTH_TOKEN.USER_ID, id).set(AUTH_TOKEN.CREATED_AT, now)
          .set(AUTH_TOKEN.EXPIRES_AT, now.plus(INVITATION_LIFETIME)).execute();
    }
    return new Created(directory.find(id).orElseThrow(), invitation);
  }

  /** The user a still valid invitation was issued to. */
  public java.util.Optional<UserSummary> invitee(String token) {
    return db.select(AUTH_TOKEN.USER_ID).from(AUTH_TOKEN)
        .where(AUTH_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token)).and(AUTH_TOKEN.PURPOSE.eq("INVITE"))
            .and(AUTH_TOKEN.EXPIRES_AT.gt(clock.instant())))
        .fetchOptional(AUTH_TOKEN.USER_ID).flatMap(directory::find);
  }

  /** Sets the password of the user an invitation was issued to, and spends the invitation. */
  @Transactional
  public UUID acceptInvitation(String token, String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw InvalidInput.of("password", "at least " + MIN_PASSWORD + " characters");
    }
    var row = db.selectFrom(AUTH_TOKEN)
        .where(AUTH_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token)).and(AUTH_TOKEN.PURPOSE.eq("INVITE"))
            .and(AUTH_TOKEN.EXPIRES_AT.gt(clock.instant())))
        .fetchOptional().orElseThrow(() -> new NotFound("invitation"));
    db.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwords.encode(password))
        .set(APP_USER.VERSION, APP_USER.VERSION.plus(1)).where(APP_USER.ID.eq(row.getUserId())).execute();
    db.deleteFrom(AUTH_TOKEN).where(AUTH_TOKEN.TOKEN_HASH.eq(row.getTokenHash())).execute();
    return row.getUserId();
  }

  @Transactional
  public UserSummary changeRole(UUID userId, Role role, boolean active) {
    int n = db.update(APP_USER).set(APP_USER.ROLE, role.name()).set(APP_USER.ACTIVE, active)
        .set(APP_USER.VERSION, APP_USER.VERSION.plus(1)).where(APP_USER.ID.eq(userId)).execute();
    if (n == 0) {
      throw new NotFound("user");
    }
    if (!active) {
      db.deleteFrom(AUTH_TOKEN).where(AUTH_TOKEN.USER_ID.eq(userId)).execute();
    }
    return directory.find(userId).orElseThrow();
  }

  @Transactional
  public UserSummary setTeams(UUID userId, List<UUID> teamIds) {
    if (directory.find(userId).isEmpty()) {
      throw new NotFound("user");
    }
    for (UUID team : teamIds) {
      if (!directory.teamExists(team)) {
        throw InvalidInput.of("teamIds", "unknown team " + team);
      }
    }
    db.deleteFrom(TEAM_MEMBER).where(TEAM_MEMBER.USER_ID.eq(userId)).execute();
    for (UUID team : Set.copyOf(teamIds)) {
      db.insertInto(TEAM_MEMBER).set(TEAM_MEMBER.TEAM_ID, team).set(TEAM_MEMBER.USER_ID, userId).execute();
    }
    return directory.find(userId).orElseThrow();
  }

  /**
   * An administrator's change to a user's role, active flag and teams, as one unit; a null part
   * stays as it is. Administrators cannot demote or deactivate themselves, so that nobody locks
   * themselves (and perhaps everyone) out of the administration.
   */
  @Transactional
  public UserSummary changeAccess(UUID actorId, UUID userId, @Nullable Role role, @Nullable Boolean active,
      @Nullable List<UUID> teamIds) {
    UserSummary user = directory.find(userId).orElseThrow(() -> new NotFound("user"));
    if (actorId.equals(userId) && ((active != null && !active) || (role != null && role != Role.ADMIN))) {
      throw new RuleViolation("self-lockout", "administrators cannot demote or deactivate themselves");
    }
    if (role != null || active != null) {
      user = changeRole(userId, role == null ? user.role() : role, active == null ? user.active() : active);
    }
    if (teamIds != null) {
      user = setTeams(userId, teamIds);
    }
    return user;
  }

  @Transactional
  public UserSummary setPreferences(UUID userId, Preferences prefs) {
    List<FieldProblem> problems = new ArrayList<>();
    if (prefs.locale() != null && !LOCALES.contains(prefs.locale())) {
      problems.add(new FieldProblem("locale", "one of fa, ar, en"));
    }
    if (prefs.calendar() != null && !CALENDARS.contains(prefs.calendar())) {
      problems.add(new FieldProblem("calendar", "JALALI or GREGORIAN"));
    }
    if (prefs.timeZone() != null) {
      try {
        ZoneId.of(prefs.timeZone());
      } catch (DateTimeException e) {
        problems.add(new FieldProblem("timeZone", "unknown time zone"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    var update = db.update(APP_USER).set(APP_USER.VERSION, APP_USER.VERSION.plus(1));
    if (prefs.locale() != null) update = update.set(APP_USER.LOCALE, prefs.locale());
    if (prefs.calendar() != null) update = update.set(APP_USER.CALENDAR, prefs.calendar());
    if (prefs.timeZone() != null) update = update.set(APP_USER.TIME_ZONE, prefs.timeZone());
    update.where(APP_USER.ID.eq(userId)).execute();
    return directory.find(userId).orElseThrow(() -> new NotFound("user"));
  }

  @Transactional
  public TeamSummary createTeam(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 100 || TextKeys.hasForbiddenControls(n)) {
      throw InvalidInput.of("name", "required, at most 100 characters, no control characters");
    }
    if (db.fetchExists(TEAM, TEAM.NAME.eq(n))) {
      throw new DomainConflict("duplicate-team", "a team with this name exists");
    }
    UUID id = UUID.randomUUID();
    db.insertInto(TEAM).set(TEAM.ID, id).set(TEAM.NAME, n).set(TEAM.CREATED_AT, ApiTime.truncate(clock.instant())).execute();
    return new TeamSummary(id, n, 0);
  }

  /** Used once, on the first start of an empty database. */
  @Transactional
  public boolean createFirstAdministrator(String email, String password) {
    if (db.fetchExists(APP_USER)) {
      return false;
    }
    create(new NewUser(email, "Administrator", Role.ADMIN, List.of(), password));
    return true;
  }
}
