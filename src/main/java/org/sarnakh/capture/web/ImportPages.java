package org.sarnakh.capture.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.ImportPreview;
import org.sarnakh.capture.ImportUploads;
import org.sarnakh.capture.ImportView;
import org.sarnakh.capture.LeadImports;
import org.sarnakh.crm.Campaign;
import org.sarnakh.crm.Campaigns;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.TeamSummary;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.identity.UserSummary;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Flash;
import org.sarnakh.platform.web.FormErrors;
import org.sarnakh.platform.web.PayloadTooLarge;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The import wizard: upload a file, look at its first rows with a suggested target per column and
 * choose mode, match keys and defaults, then follow the import's progress bar to its summary and
 * the report of refused rows. Past imports are listed at {@code /imports}.
 */
@Controller
@RequestMapping("/imports")
class ImportPages {

  static final List<String> ENCODINGS = List.of("auto", "UTF-8", "UTF-16", "windows-1256");
  static final List<String> DELIMITERS = List.of("auto", ",", ";", "\t");

  private final LeadImports imports;
  private final ImportUploads uploads;
  private final Accessor access;
  private final CodeLists lists;
  private final UserDirectory users;
  private final Campaigns campaigns;
  private final MessageSource messages;

  ImportPages(LeadImports imports, ImportUploads uploads, Accessor access, CodeLists lists, UserDirectory users,
      Campaigns campaigns, MessageSource messages) {
    this.imports = imports;
    this.uploads = uploads;
    this.access = access;
    this.lists = lists;
    this.users = users;
    this.campaigns = campaigns;
    this.messages = messages;
  }

  @GetMapping
  String list(Model model) {
    model.addAttribute("imports", imports.list(access.current(), 100));
    return "imports/list";
  }

  @GetMapping("/new")
  String upload(Model model) {
    LeadImports.requireImporter(access.current());
    return uploadForm(model, FormErrors.NONE, "auto", "auto");
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  String upload(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
      @RequestParam(defaultValue = "auto") String encoding, @RequestParam(defaultValue = "auto") String delimiter,
      Model model, HttpServletResponse response) {
    CurrentUser user = access.current();
    LeadImports.requireImporter(user);
    try {
      if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
        throw InvalidInput.of("file", "required");
      }
      ImportView draft = uploads.draft(ImportApi.fileName(file), file::transferTo,
          ENCODINGS.contains(encoding) ? encoding : "auto", DELIMITERS.contains(delimiter) ? delimiter : "auto", user);
      return "redirect:/imports/" + draft.id() + "/mapping";
    } catch (InvalidInput e) {
      response.setStatus(400);
      return uploadForm(model, FormErrors.of(e), encoding, delimiter);
    } catch (PayloadTooLarge e) {
      response.setStatus(413);
      return uploadForm(model, FormErrors.of("file", e.getMessage()), encoding, delimiter);
    }
  }

  private String uploadForm(Model model, FormErrors errors, String encoding, String delimiter) {
    model.addAttribute("errors", errors);
    String problem = errors.any() ? errors.fields().values().iterator().next() : null;
    model.addAttribute("problem", problem);
    model.addAttribute("refusal", problem == null ? null : refusal(problem));
    model.addAttribute("encodings", ENCODINGS);
    model.addAttribute("delimiters", DELIMITERS);
    model.addAttribute("encoding", encoding);
    model.addAttribute("delimiter", delimiter);
    model.addAttribute("maxMegabytes", imports.maxUpload() / (1024 * 1024));
    return "imports/new";
  }

  /** The message key that says, in the reader's language, why a file was refused at upload; null for others. */
  static @Nullable String refusal(String problem) {
    if (problem.startsWith("the file has a header but no rows")) {
      return "imports.refused.headerOnly";
    }
    if (problem.startsWith("the file is empty")) {
      return "imports.refused.empty";
    }
    if (problem.contains("its bytes are not text")) {
      return "imports.refused.binary";
    }
    if (problem.contains("(.xls)")) {
      return "imports.refused.xls";
    }
    if (problem.contains("cannot be read as one")) {
      return "imports.refused.xlsx";
    }
    if (problem.contains("columns; at most")) {
      return "imports.refused.columns";
    }
    if (problem.equals("required")) {
      return "imports.refused.required";
    }
    if (problem.contains("may be at most")) {
      return "imports.refused.tooLarge";
    }
    return null;
  }

  @GetMapping("/{id}/mapping")
  String mapping(@PathVariable UUID id, Model model) {
    CurrentUser user = access.current();
    if (!imports.get(id, user).draft()) {
      return "redirect:/imports/" + id;
    }
    ImportPreview preview = uploads.preview(id, user);
    return mappingForm(model, preview, preview.suggested(), "CREATE_ONLY", List.of("email", "phone", "externalId"),
        Map.of(), FormErrors.NONE);
  }

  @PostMapping("/{id}/start")
  String start(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, Model model,
      HttpServletResponse response) {
    CurrentUser user = access.current();
    if (!imports.get(id, user).draft()) {
      return "redirect:/imports/" + id;
    }
    ImportPreview preview = uploads.preview(id, user);
    Map<String, String> mapping = new LinkedHashMap<>();
    for (int i = 0; i < preview.columns().size(); i++) {
      String target = form.getFirst("map." + i);
      mapping.put(preview.columns().get(i), target == null ? "" : target.strip());
    }
    String mode = "UPSERT".equals(form.getFirst("mode")) ? "UPSERT" : "CREATE_ONLY";
    List<String> matchBy = form.getOrDefault("matchBy", List.of());
    Map<String, String> defaultsForm = new LinkedHashMap<>();
    for (String f : List.of("leadSource", "campaignId", "ownerId", "teamId", "tags")) {
      String v = form.getFirst("defaults." + f);
      if (v != null && !v.isBlank()) {
        defaultsForm.put(f, v.strip());
      }
    }
    Map<String, Object> defaults = new LinkedHashMap<>(defaultsForm);
    if (defaultsForm.containsKey("tags")) {
      defaults.put("tags", List.of(defaultsForm.get("tags").split("\\s*[,;،]\\s*")));
    }
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("mapping", mapping);
    options.put("mode", mode);
    options.put("matchBy", matchBy);
    options.put("defaults", defaults);
    try {
      uploads.start(id, options, user);
      return "redirect:/imports/" + id;
    } catch (InvalidInput e) {
      response.setStatus(400);
      return mappingForm(model, preview, mapping, mode, matchBy, defaultsForm, FormErrors.of(e));
    } catch (DomainConflict e) {
      return "redirect:/imports/" + id;
    }
  }

  private String mappingForm(Model model, ImportPreview preview, Map<String, String> mapping, String mode,
      List<String> matchBy, Map<String, String> defaults, FormErrors errors) {
    CurrentUser user = access.current();
    String language = user.locale();
    model.addAttribute("preview", preview);
    model.addAttribute("view", preview.view());
    model.addAttribute("mapping", mapping);
    model.addAttribute("targetLabels", targetLabels(preview));
    List<List<String>> samples = new ArrayList<>();
    for (int i = 0; i < preview.columns().size(); i++) {
      samples.add(samples(preview, i));
    }
    model.addAttribute("samples", samples);
    model.addAttribute("mode", mode);
    model.addAttribute("matchBy", matchBy);
    model.addAttribute("defaults", defaults);
    model.addAttribute("errors", errors);
    model.addAttribute("sources", choices(lists.list("lead_source", language, false)));
    Map<UUID, String> owners = new LinkedHashMap<>();
    for (UserSummary u : users.list()) {
      if (u.active()) {
        owners.put(u.id(), u.displayName());
      }
    }
    model.addAttribute("owners", owners);
    Map<UUID, String> teams = new LinkedHashMap<>();
    for (TeamSummary t : users.teams()) {
      teams.put(t.id(), t.name());
    }
    model.addAttribute("teams", teams);
    Map<UUID, String> camps = new LinkedHashMap<>();
    for (Campaign c : campaigns.list(200, null).items()) {
      camps.put(c.id(), c.name());
    }
    model.addAttribute("campaigns", camps);
    return "imports/mapping";
  }

  private static Map<String, String> choices(List<CodeLists.Code> codes) {
    Map<String, String> out = new LinkedHashMap<>();
    codes.forEach(c -> out.put(c.code(), c.label()));
    return out;
  }

  /** Each target as the reader reads it: the field's label, and what part of a money field a column holds. */
  private Map<String, String> targetLabels(ImportPreview preview) {
    Locale locale = LocaleContextHolder.getLocale();
    Map<String, String> labels = new LinkedHashMap<>();
    for (String t : preview.targets()) {
      String label = messages.getMessage("import.target." + t, null, null, locale);
      if (label == null) {
        label = messages.getMessage("lead.field." + t, null, null, locale);
      }
      if (label == null) {
        label = preview.customLabels().getOrDefault(t, t);
      }
      labels.put(t, label);
    }
    return labels;
  }

  @GetMapping("/{id}")
  String show(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) @Nullable String htmx,
      Model model) {
    ImportView view = imports.get(id, access.current());
    if (view.draft()) {
      return "redirect:/imports/" + id + "/mapping";
    }
    model.addAttribute("view", view);
    return htmx != null ? "imports/import :: progress" : "imports/import";
  }

  @PostMapping("/{id}/cancel")
  String cancel(@PathVariable UUID id, RedirectAttributes redirect) {
    ImportView view = imports.cancel(id, access.current());
    if (view.draft()) {
      redirect.addFlashAttribute("flash", Flash.success("imports.discarded", view.fileName()));
      return "redirect:/imports";
    }
    return "redirect:/imports/" + id;
  }

  @GetMapping("/{id}/errors.csv")
  void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
    CurrentUser user = access.current();
    ImportView view = imports.get(id, user);
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + view.id() + "-errors.csv\"");
    imports.writeErrors(id, user, response.getOutputStream());
  }

  /** The first cells of a column, for the mapping table. */
  static List<String> samples(ImportPreview preview, int column) {
    List<String> out = new ArrayList<>();
    for (List<String> row : preview.rows()) {
      if (column < row.size() && !row.get(column).isBlank() && out.size() < 3) {
        out.add(row.get(column));
      }
    }
    return out;
  }
}
