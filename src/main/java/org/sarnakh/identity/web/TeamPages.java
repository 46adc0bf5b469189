package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Teams, for administrators: the list with member counts, and creating a team. */
@Controller
@RequestMapping("/settings/teams")
class TeamPages {

  private final UserAdministration admin;
  private final UserDirectory directory;
  private final Accessor access;

  TeamPages(UserAdministration admin, UserDirectory directory, Accessor access) {
    this.admin = admin;
    this.directory = directory;
    this.access = access;
  }

  @GetMapping
  String teams(Model model) {
    access.require(Role.ADMIN);
    return page(model, "", FormErrors.NONE);
  }

  @PostMapping
  String create(@RequestParam(defaultValue = "") String name, Model model, HttpServletResponse response,
      RedirectAttributes redirect) {
    access.require(Role.ADMIN);
    try {
      TeamSummary team = admin.createTeam(name);
      redirect.addFlashAttribute("flash", Flash.success("settings.teams.created", team.name()));
      return "redirect:/settings/teams";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, name, FormErrors.of(e));
    } catch (DomainConflict e) {
      response.setStatus(409);
      return page(model, name, FormErrors.of("name", e.getMessage()));
    }
  }

  private String page(Model model, String name, FormErrors errors) {
    model.addAttribute("teams", directory.teams());
    model.addAttribute("values", Map.of("name", name));
    model.addAttribute("errors", errors);
    return "settings/teams";
  }
}
