package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.Credentials.ApiKeySummary;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserAdministration.NewUser;
import org.sarnakh.identity.UserAdministration.Preferences;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in, the caller's own profile, users, teams and API keys. */
@RestController
@RequestMapping("/api/v1")
class IdentityApi {

  record TokenRequest(@NotNull @Size(max = 254) String email, @NotNull @Size(max = 500) String password) {}

  record TokenView(String token, String expiresAt) {}

  record UserView(UUID id, String email, String displayName, Role role, boolean active, List<UUID> teamIds,
      String locale, String calendar, String timeZone, String createdAt, @Nullable String invitationUrl) {
    static UserView of(UserSummary u, @Nullable String invitationUrl) {
      return new UserView(u.id(), u.email(), u.displayName(), u.role(), u.active(), List.copyOf(u.teamIds()),
          u.locale(), u.calendar(), u.timeZone(), ApiTime.format(u.createdAt()), invitationUrl);
    }
  }

  record CreateUser(@NotNull @Size(max = 254) String email, @NotNull @Size(max = 100) String displayName,
      @NotNull Role role, @Nullable List<UUID> teamIds, @Nullable @Size(max = 500) String password) {}

  record UpdateUser(@Nullable Role role, @Nullable Boolean active, @Nullable List<UUID> teamIds) {}

  record UpdateMe(@Nullable String locale, @Nullable String calendar, @Nullable String timeZone) {}

  record CreateTeam(@NotNull @Size(max = 100) String name) {}

  record CreateApiKey(@NotNull @Size(max = 100) String name, @Nullable List<String> scopes, @Nullable UUID userId) {}

  record ApiKeyView(UUID id, UUID userId, String name, String prefix, List<String> scopes, String createdAt,
      @Nullable String lastUsedAt, @Nullable String revokedAt, @Nullable String key) {
    static ApiKeyView of(ApiKeySummary k, @Nullable String secret) {
      return new ApiKeyView(k.id(), k.userId(), k.name(), k.prefix(), k.scopes(), ApiTime.format(k.createdAt()),
          ApiTime.format(k.lastUsedAt()), ApiTime.format(k.revokedAt()), secret);
    }
  }

  private final Credentials credentials;
  private final UserAdministration admin;
  private final UserDirectory directory;
  private final Accessor access;
  private final SarnakhSettings settings;

  IdentityApi(Credentials credentials, UserAdministration admin, UserDirectory directory, Accessor access,
      SarnakhSettings settings) {
    this.credentials = credentials;
    this.admin = admin;
    this.directory = directory;
    this.access = access;
    this.settings = settings;
  }

  @PostMapping("/auth/tokens")
  ResponseEntity<?> token(@Valid @RequestBody TokenRequest body, HttpServletRequest request) {
    var result = credentials.login(body.email(), body.password(), request.getRemoteAddr());
    return switch (result.outcome()) {
      case OK -> ResponseEntity.status(HttpStatus.CREATED)
          .body(new TokenView(result.token().token(), ApiTime.format(result.token().expiresAt())));
      case THROTTLED -> problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many failed sign-ins",
          "too many failed attempts for this account or address; try again later");
      case BAD_CREDENTIALS -> problem(HttpStatus.UNAUTHORIZED, "bad-credentials", "Unauthorized",
          "wrong email or password");
    };
  }

  @DeleteMapping("/auth/tokens/current")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void signOut(HttpServletRequest request) {
    access.current();
    String header = request.getHeader("Authorization");
    if (header != null && header.length() > 7) {
      credentials.revokeSession(header.substring(7).strip());
    }
  }

  @GetMapping("/me")
  UserView me() {
    return UserView.of(directory.find(access.current().id()).orElseThrow(() -> new NotFound("user")), null);
  }

  @PatchMapping("/me")
  UserView updateMe(@Valid @RequestBody UpdateMe body) {
    return UserView.of(admin.setPreferences(access.current().id(),
        new Preferences(body.locale(), body.calendar(), body.timeZone())), null);
  }

  @GetMapping("/users")
  Map<String, Object> users() {
    access.current();
    return Map.of("items", directory.list().stream().map(u -> UserView.of(u, null)).toList());
  }

  @PostMapping("/users")
  ResponseEntity<UserView> createUser(@Valid @RequestBody CreateUser body) {
    access.require(Role.ADMIN);
    var created = admin.create(new NewUser(body.email(), body.displayName(), body.role(),
        body.teamIds() == null ? List.of() : body.teamIds(), body.password()));
    String link = created.invitationToken() == null ? null : settings.publicUrl() + "/invite/" + created.invitationToken();
    return ResponseEntity.created(URI.create("/api/v1/users/" + created.user().id()))
        .body(UserView.of(created.user(), link));
  }

  @GetMapping("/users/{id}")
  UserView user(@PathVariable UUID id) {
    access.current();
    return UserView.of(directory.find(id).orElseThrow(() -> new NotFound("user")), null);
  }

  @PatchMapping("/users/{id}")
  UserView updateUser(@PathVariable UUID id, @Valid @RequestBody UpdateUser body) {
    CurrentUser me = access.require(Role.ADMIN);
    return UserView.of(admin.changeAccess(me.id(), id, body.role(), body.active(), body.teamIds()), null);
  }

  @GetMapping("/teams")
  Map<String, List<TeamSummary>> teams() {
    access.current();
    return Map.of("items", directory.teams());
  }

  @PostMapping("/teams")
  ResponseEntity<TeamSummary> createTeam(@Valid @RequestBody CreateTeam body) {
    access.require(Role.ADMIN);
    TeamSummary team = admin.createTeam(body.name());
    return ResponseEntity.created(URI.create("/api/v1/teams/" + team.id())).body(team);
  }

  @GetMapping("/api-keys")
  Map<String, List<ApiKeyView>> apiKeys() {
    CurrentUser me = access.current();
    return Map.of("items", credentials.apiKeys(me.role() == Role.ADMIN ? null : me.id()).stream()
        .map(k -> ApiKeyView.of(k, null)).toList());
  }

  @PostMapping("/api-keys")
  ResponseEntity<ApiKeyView> createApiKey(@Valid @RequestBody CreateApiKey body) {
    CurrentUser me = access.current();
    UUID owner = body.userId() == null ? me.id() : body.userId();
    if (!owner.equals(me.id())) {
      access.require(Role.ADMIN);
    }
    var issued = credentials.createApiKey(owner, body.name(), body.scopes());
    return ResponseEntity.created(URI.create("/api/v1/api-keys/" + issued.key().id()))
        .body(ApiKeyView.of(issued.key(), issued.secret()));
  }

  @DeleteMapping("/api-keys/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revokeApiKey(@PathVariable UUID id) {
    CurrentUser me = access.current();
    credentials.revokeApiKey(id, me.role() == Role.ADMIN ? null : me.id());
  }

  private static ResponseEntity<?> problem(HttpStatus status, String type, String title, String detail) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.of(status, type, title, detail));
  }
}
