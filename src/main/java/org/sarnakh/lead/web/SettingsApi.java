package org.sarnakh.lead.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.CodeLists;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/settings}: code lists and custom fields; everyone reads, administrators change. */
@RestController
@RequestMapping("/api/v1/settings")
class SettingsApi {

  record NewCode(@Nullable String code, @Nullable Map<String, String> labels) {}

  record NewCustomField(@Nullable String name, @Nullable String label, @Nullable String type,
      @Nullable Integer maxLength) {}

  private final CodeLists lists;
  private final Accessor access;

  SettingsApi(CodeLists lists, Accessor access) {
    this.lists = lists;
    this.access = access;
  }

  @GetMapping("/custom-fields")
  Map<String, List<CodeLists.CustomField>> customFields() {
    access.current();
    return Map.of("items", lists.customFields());
  }

  @PostMapping("/custom-fields")
  ResponseEntity<CodeLists.CustomField> defineCustomField(@RequestBody NewCustomField body) {
    access.require(Role.ADMIN);
    var field = lists.defineCustomField(body.name(), body.label(), body.type(), body.maxLength());
    return ResponseEntity.created(URI.create("/api/v1/settings/custom-fields/" + field.name())).body(field);
  }

  @GetMapping("/{list}")
  Map<String, List<CodeLists.Code>> codes(@PathVariable String list, @RequestParam(defaultValue = "en") String lang,
      @RequestParam(defaultValue = "false") boolean includeInactive) {
    access.current();
    return Map.of("items", lists.list(CodeLists.kind(list), lang, includeInactive));
  }

  @PostMapping("/{list}")
  ResponseEntity<CodeLists.Code> addCode(@PathVariable String list, @RequestBody NewCode body) {
    access.require(Role.ADMIN);
    var code = lists.add(CodeLists.kind(list), body.code(), body.labels());
    return ResponseEntity.created(URI.create("/api/v1/settings/" + list + "/" + code.code())).body(code);
  }

  @PostMapping("/{list}/{code}/deactivate")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void deactivate(@PathVariable String list, @PathVariable String code) {
    access.require(Role.ADMIN);
    lists.setActive(CodeLists.kind(list), code, false);
  }

  @PostMapping("/{list}/{code}/activate")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void activate(@PathVariable String list, @PathVariable String code) {
    access.require(Role.ADMIN);
    lists.setActive(CodeLists.kind(list), code, true);
  }
}
