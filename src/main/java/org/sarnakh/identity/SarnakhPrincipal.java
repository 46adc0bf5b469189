package org.sarnakh.identity;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The authenticated principal of a session or bearer token; the current role is re-read per request. */
public final class SarnakhPrincipal implements UserDetails, CredentialsContainer {

  private final UUID userId;
  private final String email;
  private final Role role;
  private final boolean active;
  private @Nullable String passwordHash;

  public SarnakhPrincipal(UUID userId, String email, Role role, boolean active, @Nullable String passwordHash) {
    this.userId = userId;
    this.email = email;
    this.role = role;
    this.active = active;
    this.passwordHash = passwordHash;
  }

  public UUID userId() {
    return userId;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
  }

  @Override
  public @Nullable String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return email;
  }

  @Override
  public boolean isEnabled() {
    return active;
  }

  @Override
  public void eraseCredentials() {
    passwordHash = null;
  }
}
