package org.sarnakh.identity;

import static org.sarnakh.platform.db.Tables.API_KEY;
import static org.sarnakh.platform.db.Tables.APP_USER;
import static org.sarnakh.platform.db.Tables.AUTH_TOKEN;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.Secrets;
import org.sarnakh.platform.text.TextKeys;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Session tokens and API keys: issued once, stored as hashes, checked on every API request. */
@Service
public class Credentials {

  public static final Duration SESSION_LIFETIME = Duration.ofHours(12);
  public static final Set<String> SCOPES = Set.of("read", "write");
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  public record IssuedToken(String token, Instant expiresAt) {}

  public record ApiKeySummary(UUID id, UUID userId, String name, String prefix, List<String> scopes, Instant createdAt,
      @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {}

  public record IssuedApiKey(ApiKeySummary key, String secret) {}

  /** What a bearer credential proves: a user (read with the token, so the request needs no second look-up), and whether it may write. */
  public record Bearer(SarnakhPrincipal principal, CurrentUser user, boolean mayWrite) {}

  public enum LoginOutcome { OK, BAD_CREDENTIALS, THROTTLED }

  public record LoginResult(LoginOutcome outcome, @Nullable IssuedToken token) {}

  private final DSLContext db;
  private final PasswordEncoder passwords;
  private final LoginThrottle throttle;
  private final UserDirectory directory;
  private final Clock clock;

  Credentials(DSLContext db, PasswordEncoder passwords, LoginThrottle throttle, UserDirectory directory, Clock clock) {
    this.db = db;
    this.passwords = passwords;
    this.throttle = throttle;
    this.directory = directory;
    this.clock = clock;
  }

  @Transactional
  public LoginResult login(String email, String password, String address) {
    String key = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (throttle.blocked(key, address)) {
      return new LoginResult(LoginOutcome.THROTTLED, null);
    }
    var user = db.selectFrom(APP_USER).where(APP_USER.EMAIL.eq(key).and(APP_USER.ACTIVE.isTrue())).fetchOptional();
    if (user.isEmpty() || user.get().getPasswordHash() == null || password == null
        || !passwords.matches(password, user.get().getPasswordHash())) {
      throttle.failed(key, address);
      return new LoginResult(LoginOutcome.BAD_CREDENTIALS, null);
    }
    return new LoginResult(LoginOutcome.OK, issueSession(user.get().getId()));
  }

  /** A session token for a user already known to be who they are (sign-in, or an operator's CLI). */
  @Transactional
  public IssuedToken issueSession(UUID userId) {
    Instant now = ApiTime.truncate(clock.instant());
    String token = "snt_" + Secrets.random(32);
    Instant expires = now.plus(SESSION_LIFETIME);
    db.insertInto(AUTH_TOKEN).set(AUTH_TOKEN.TOKEN_HASH, Secrets.sha256(token)).set(AUTH_TOKEN.PURPOSE, "SESSION")
        .set(AUTH_TOKEN.USER_ID, userId).set(AUTH_TOKEN.CREATED_AT, now).set(AUTH_TOKEN.EXPIRES_AT, expires)
        .execute();
    return new IssuedToken(token, expires);
  }

  public void revokeSession(String token) {
    db.deleteFrom(AUTH_TOKEN).where(AUTH_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token))).execute();
  }

  /** Resolves a bearer token (session token or API key) to its user; empty when unknown, expired or revoked. */
  public Optional<Bearer> authenticate(String token) {
    Instant now = clock.instant();
    if (token.startsWith("snt_")) {
      return db.select(APP_USER.fields()).from(AUTH_TOKEN).join(APP_USER).on(APP_USER.ID.eq(AUTH_TOKEN.USER_ID))
          .where(AUTH_TOKEN.TOKEN_HASH.eq(Secrets.sha256(token)).and(AUTH_TOKEN.PURPOSE.eq("SESSION"))
              .and(AUTH_TOKEN.EXPIRES_AT.gt(now)).and(APP_USER.ACTIVE.isTrue()))
          .fetchOptional(r -> bearer(r.into(APP_USER), true));
    }
    if (token.startsWith("snk_")) {
      String[] parts = token.split("_", 3);
      if (parts.length != 3) {
        return Optional.empty();
      }
      var row = db.select(API_KEY.ID, API_KEY.SECRET_HASH, API_KEY.SCOPES, API_KEY.LAST_USED_AT).select(APP_USER.fields())
          .from(API_KEY).join(APP_USER).on(APP_USER.ID.eq(API_KEY.USER_ID))
          .where(API_KEY.PREFIX.eq(parts[1]).and(API_KEY.REVOKED_AT.isNull()).and(APP_USER.ACTIVE.isTrue()))
          .fetchOptional();
      if (row.isEmpty() || !Secrets.equalsConstantTime(row.get().get(API_KEY.SECRET_HASH), Secrets.sha256(token))) {
        return Optional.empty();
      }
      Instant lastUsed = row.get().get(API_KEY.LAST_USED_AT);
      if (lastUsed == null || lastUsed.isBefore(now.minus(LAST_USED_GRANULARITY))) {
        db.update(API_KEY).set(API_KEY.LAST_USED_AT, ApiTime.truncate(now)).where(API_KEY.ID.eq(row.get().get(API_KEY.ID)))
            .execute();
      }
      boolean write = Arrays.asList(row.get().get(API_KEY.SCOPES).split(",")).contains("write");
      return Optional.of(bearer(row.get().into(APP_USER), write));
    }
    return Optional.empty();
  }

  @Transactional
  public IssuedApiKey createApiKey(UUID userId, String name, @Nullable List<String> scopes) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 100 || TextKeys.hasForbiddenControls(n)) {
      throw InvalidInput.of("name", "required, at most 100 characters, no control characters");
    }
    List<String> granted = scopes == null || scopes.isEmpty() ? List.of("read", "write") : List.copyOf(scopes);
    if (!SCOPES.containsAll(granted)) {
      throw InvalidInput.of("scopes", "each scope is read or write");
    }
    if (!db.fetchExists(APP_USER, APP_USER.ID.eq(userId))) {
      throw InvalidInput.of("userId", "unknown user");
    }
    String prefix = Secrets.random(6).replace('-', 'x').replace('_', 'y');
    String secret = "snk_" + prefix + "_" + Secrets.random(32);
    UUID id = UUID.randomUUID();
    Instant now = ApiTime.truncate(clock.instant());
    db.insertInto(API_KEY).set(API_KEY.ID, id).set(API_KEY.USER_ID, userId).set(API_KEY.NAME, n)
        .set(API_KEY.PREFIX, prefix).set(API_KEY.SECRET_HASH, Secrets.sha256(secret))
        .set(API_KEY.SCOPES, String.join(",", granted)).set(API_KEY.CREATED_AT, now).execute();
    return new IssuedApiKey(new ApiKeySummary(id, userId, n, prefix, granted, now, null, null), secret);
  }

  /** Keys of one user, or of everyone when {@code userId} is null (administrators). */
  public List<ApiKeySummary> apiKeys(@Nullable UUID userId) {
    return db.selectFrom(API_KEY).where(userId == null ? API_KEY.ID.isNotNull() : API_KEY.USER_ID.eq(userId))
        .orderBy(API_KEY.CREATED_AT.desc())
        .fetch(k -> new ApiKeySummary(k.getId(), k.getUserId(), k.getName(), k.getPrefix(),
            List.of(k.getScopes().split(",")), k.getCreatedAt(), k.getLastUsedAt(), k.getRevokedAt()));
  }

  /** Revokes a key; {@code owner} limits it to that user's keys (null: any key, for administrators). */
  @Transactional
  public void revokeApiKey(UUID keyId, @Nullable UUID owner) {
    int n = db.update(API_KEY).set(API_KEY.REVOKED_AT, ApiTime.truncate(clock.instant()))
        .where(API_KEY.ID.eq(keyId).and(owner == null ? API_KEY.ID.isNotNull() : API_KEY.USER_ID.eq(owner))
            .and(API_KEY.REVOKED_AT.isNull()))
        .execute();
    if (n == 0) {
      throw new NotFound("api key");
    }
  }

  private Bearer bearer(org.sarnakh.platform.db.tables.records.AppUserRecord u, boolean mayWrite) {
    return new Bearer(principal(u), directory.currentOf(u), mayWrite);
  }

  static SarnakhPrincipal principal(org.sarnakh.platform.db.tables.records.AppUserRecord u) {
    return new SarnakhPrincipal(u.getId(), u.getEmail(), Role.valueOf(u.getRole()), u.getActive(), null);
  }
}
