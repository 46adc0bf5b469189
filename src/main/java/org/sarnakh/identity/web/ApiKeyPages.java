package org.sarnakh.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Credentials;
import org.sarnakh.identity.Credentials.ApiKeySummary;
import org.sarnakh.identity.Credentials.IssuedApiKey;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.platform.InvalidInput;
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
 * API keys on pages: every user lists, creates and revokes their own; administrators see and
 * revoke everyone's. A new key's secret is written into the answer to the creating post only,
 * never into the session, so it exists nowhere after that page.
 */
@Controller
@RequestMapping("/settings/api-keys")
class ApiKeyPages {

  static final List<String> READ_ONLY = List.of("read");
  static final List<String> READ_WRITE = List.of("read", "write");

  private final Credentials credentials;
  private final UserDirectory directory;
  private final Accessor access;

  ApiKeyPages(Credentials credentials, UserDirectory directory, Accessor access) {
    this.credentials = credentials;
    this.directory = directory;
    this.access = access;
  }

  @GetMapping
  String keys(Model model) {
    return page(model, access.current(), null, Map.of(), FormErrors.NONE);
  }

  @PostMapping
  String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "false") boolean readOnly,
      Model model, HttpServletResponse response) {
    CurrentUser me = access.current();
    try {
      IssuedApiKey issued = credentials.createApiKey(me.id(), name, readOnly ? READ_ONLY : READ_WRITE);
      return page(model, me, issued, Map.of(), FormErrors.NONE);
    } catch (InvalidInput e) {
      response.setStatus(400);
      return page(model, me, null, Map.of("name", name, "readOnly", String.valueOf(readOnly)), FormErrors.of(e));
    }
  }

  @PostMapping("/{id}/revoke")
  String revoke(@PathVariable UUID id, RedirectAttributes redirect) {
    CurrentUser me = access.current();
    credentials.revokeApiKey(id, me.is(Role.ADMIN) ? null : me.id());
    redirect.addFlashAttribute("flash", Flash.success("settings.apiKeys.revoked"));
    return "redirect:/settings/api-keys";
  }

  private String page(Model model, CurrentUser me, @Nullable IssuedApiKey issued, Map<String, String> values,
      FormErrors errors) {
    boolean everyone = me.is(Role.ADMIN);
    List<ApiKeySummary> keys = credentials.apiKeys(everyone ? null : me.id());
    model.addAttribute("keys", keys);
    model.addAttribute("everyone", everyone);
    model.addAttribute("owners", everyone ? directory.names(keys.stream().map(ApiKeySummary::userId).distinct().toList())
        : Map.of());
    model.addAttribute("issued", issued);
    model.addAttribute("values", values);
    model.addAttribute("errors", errors);
    return "settings/api-keys";
  }
}
