package org.sarnakh.identity.web;

import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.UserAdministration;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.NotFound;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (Spring Security processes the form) and the page that spends an invitation link. */
@Controller
class LoginPages {

  private final UserAdministration admin;

  LoginPages(UserAdministration admin) {
    this.admin = admin;
  }

  @GetMapping("/login")
  String login(@RequestParam(required = false) @Nullable String error,
      @RequestParam(required = false) @Nullable String throttled, @RequestParam(required = false) @Nullable String logout,
      @RequestParam(required = false) @Nullable String invited, Model model) {
    model.addAttribute("error", error != null);
    model.addAttribute("throttled", throttled != null);
    model.addAttribute("loggedOut", logout != null);
    model.addAttribute("invited", invited != null);
    return "login";
  }

  @GetMapping("/invite/{token}")
  String invitation(@PathVariable String token, Model model) {
    model.addAttribute("token", token);
    model.addAttribute("invitee", admin.invitee(token).orElse(null));
    return "invite";
  }

  @PostMapping("/invite/{token}")
  String acceptInvitation(@PathVariable String token, @RequestParam(defaultValue = "") String password, Model model) {
    try {
      admin.acceptInvitation(token, password);
      return "redirect:/login?invited";
    } catch (InvalidInput e) {
      model.addAttribute("error", e.problems().get(0).message());
    } catch (NotFound e) {
      // falls through to the "no longer valid" message
    }
    return invitation(token, model);
  }
}
