package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserAdministration.NewUser;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.SarnakhSettings;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Users, for administrators: the list, creating a user (with a password, or with an invitation
 * link shown once in the answer to the creating post), and changing a user's role, active flag
 * and teams under the same rules as the API.
 */
@Controller
@RequestMapping("/settings/users")
class UserPages {

  private final UserAdministration admin;
  private final UserDirectory directory;
  private final Accessor access;
  private final SarnakhSettings settings;

  UserPages(UserAdministration admin, UserDirectory directory, Accessor access, SarnakhSettings settings) {
    this.admin = admin;
    this.directory = directory;
    this.access = access;
    this.settings = settings;
  }

  @GetMapping
  String list(Model model) {
    access.require(Role.ADMIN);
    return list(model, null, null);
  }

  @GetMapping("/new")
  String newUser(Model model) {
    access.require(Role.ADMIN);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("role", Role.SALES_REP.name());
    return form(model, values, List.of(), FormErrors.NONE);
  }

  @PostMapping
  String create(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String displayName,
      @RequestParam(defaultValue = "") String role, @RequestParam(required = false) @Nullable List<String> teamIds,
      @RequestParam(defaultValue = "") String password, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    access.require(Role.ADMIN);
    List<String> teams = teamIds == null ? List.of() : teamIds;
    try {
      var created = admin.create(new NewUser(email, displayName, role(role), teamIds(teams),
          password.isEmpty() ? null : password));
      if (created.invitationToken() == null) {
        redirect.addFlashAttribute("flash", Flash.success("settings.users.created", created.user().displayName()));
        return "redirect:/settings/users";
      }
      return list(model, created.user(), settings.publicUrl() + "/invite/" + created.invitationToken());
    } catch (InvalidInput e) {
      response.setStatus(400);
      return form(model, typed(email, displayName, role), teams, FormErrors.of(e));
    } catch (DomainConflict e) {
      response.setStatus(409);
      return form(model, typed(email, displayName, role), teams, FormErrors.of("email", e.getMessage()));
    }
  }

  @GetMapping("/{id}")
  String edit(@PathVariable UUID id, Model model) {
    CurrentUser me = access.require(Role.ADMIN);
    UserSummary user = user(id);
    return edit(model, me, user, user.role().name(), user.active(), user.teamIds().stream().map(UUID::toString)
        .toList(), FormErrors.NONE, false);
  }

  /** The form carries the whole state: an unticked box deactivates, no team selected takes the user out of every team. */
  @PostMapping("/{id}")
  String update(@PathVariable UUID id, @RequestParam(defaultValue = "") String role,
      @RequestParam(defaultValue = "false") boolean active, @RequestParam(required = false) @Nullable List<String> teamIds,
      Model model, HttpServletResponse response, RedirectAttributes redirect) {
    CurrentUser me = access.require(Role.ADMIN);
    List<String> teams = teamIds == null ? List.of() : teamIds;
    try {
      UserSummary saved = admin.changeAccess(me.id(), id, role(role), active, teamIds(teams));
      redirect.addFlashAttribute("flash", Flash.success("settings.users.saved", saved.displayName()));
      return "redirect:/settings/users";
    } catch (RuleViolation e) {
      response.setStatus(422);
      return edit(model, me, user(id), role, active, teams, FormErrors.NONE, true);
    } catch (InvalidInput e) {
      response.setStatus(400);
      return edit(model, me, user(id), role, active, teams, FormErrors.of(e), false);
    }
  }

  private String list(Model model, @Nullable UserSummary invited, @Nullable String invitationUrl) {
    model.addAttribute("users", directory.list());
    model.addAttribute("teamNames", teamNames());
    model.addAttribute("invited", invited);
    model.addAttribute("invitationUrl", invitationUrl);
    return "settings/users";
  }

  private String form(Model model, Map<String, String> values, List<String> teams, FormErrors errors) {
    model.addAttribute("values", values);
    model.addAttribute("selectedTeams", teams);
    model.addAttribute("errors", errors);
    model.addAttribute("roles", Role.values());
    model.addAttribute("teams", directory.teams());
    return "settings/user-new";
  }

  private String edit(Model model, CurrentUser me, UserSummary user, String role, boolean active, List<String> teams,
      FormErrors errors, boolean refusedLockout) {
    model.addAttribute("user", user);
    model.addAttribute("self", me.id().equals(user.id()));
    model.addAttribute("values", Map.of("role", role));
    model.addAttribute("active", active);
    model.addAttribute("selectedTeams", teams);
    model.addAttribute("errors", errors);
    model.addAttribute("lockout", refusedLockout);
    model.addAttribute("roles", Role.values());
    model.addAttribute("teams", directory.teams());
    return "settings/user-edit";
  }

  private UserSummary user(UUID id) {
    return directory.find(id).orElseThrow(() -> new NotFound("user"));
  }

  private Map<UUID, String> teamNames() {
    Map<UUID, String> names = new LinkedHashMap<>();
    for (TeamSummary t : directory.teams()) {
      names.put(t.id(), t.name());
    }
    return names;
  }

  private static Map<String, String> typed(String email, String displayName, String role) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("email", email);
    values.put("displayName", displayName);
    values.put("role", role);
    return values;
  }

  /** A role by name; empty is none (the use case says it is required), anything else is refused. */
  private static @Nullable Role role(String name) {
    if (name.isBlank()) {
      return null;
    }
    try {
      return Role.valueOf(name.strip());
    } catch (IllegalArgumentException e) {
      throw InvalidInput.of("role", "required: ADMIN, MARKETING, SALES_MANAGER or SALES_REP");
    }
  }

  private static List<UUID> teamIds(List<String> typed) {
    List<UUID> ids = new ArrayList<>();
    for (String t : typed) {
      try {
        ids.add(UUID.fromString(t.strip()));
      } catch (IllegalArgumentException e) {
        throw InvalidInput.of("teamIds", "unknown team " + t);
      }
    }
    return ids;
  }
}
