package org.sarnakh.testing;

import java.util.List;
import java.util.UUID;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserDirectory;

/** Creates users and teams for a test and signs them in; each call makes new ones, so tests do not collide. */
public class TestUsers {

  public static final String ADMIN_EMAIL = "admin@localhost";
  public static final String ADMIN_PASSWORD = "test-admin-password";

  /** A signed-in user: id, email, password and a bearer token. */
  public record User(UUID id, String email, String password, Role role, String token) {
    public String bearer() {
      return "Bearer " + token;
    }
  }

  private final UserAdministration admin;
  private final Credentials credentials;
  private final UserDirectory directory;

  TestUsers(UserAdministration admin, Credentials credentials, UserDirectory directory) {
    this.admin = admin;
    this.credentials = credentials;
    this.directory = directory;
  }

  public User create(Role role, UUID... teams) {
    String email = role.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8)
        + "@test.sarnakh.org";
    String password = "pw-" + UUID.randomUUID();
    var created = admin.create(new UserAdministration.NewUser(email, role.name() + " " + email.substring(0, 12), role,
        List.of(teams), password));
    return new User(created.user().id(), email, password, role, credentials.issueSession(created.user().id()).token());
  }

  public TeamSummary team() {
    return admin.createTeam("Team " + UUID.randomUUID().toString().substring(0, 8));
  }

  public User administrator() {
    var u = directory.list().stream().filter(x -> x.email().equals(ADMIN_EMAIL)).findFirst().orElseThrow();
    return new User(u.id(), u.email(), ADMIN_PASSWORD, Role.ADMIN, credentials.issueSession(u.id()).token());
  }
}
