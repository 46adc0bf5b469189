package org.sarnakh.capture.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.ImportUploads;
import org.sarnakh.capture.ImportView;
import org.sarnakh.capture.LeadImports;
import org.sarnakh.identity.Accessor;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.web.Idempotency;
import org.sarnakh.platform.web.PayloadTooLarge;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/imports}: upload a CSV or XLSX file (multipart part {@code file}, JSON part
 * {@code options}) and follow the import job it becomes; download its refused rows.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportApi {

  static final int MAX_OPTIONS = 100_000;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final LeadImports imports;
  private final ImportUploads uploads;
  private final Accessor access;
  private final Idempotency idempotency;

  ImportApi(LeadImports imports, ImportUploads uploads, Accessor access, Idempotency idempotency) {
    this.imports = imports;
    this.uploads = uploads;
    this.access = access;
    this.idempotency = idempotency;
  }

  /** Uploads a file for import; with {@code Idempotency-Key}, a repeat answers the first import instead of a second. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<?> submit(MultipartHttpServletRequest request,
      @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) throws IOException {
    CurrentUser user = access.current();
    LeadImports.requireImporter(user);
    MultipartFile file = request.getFile("file");
    if (file == null) {
      throw InvalidInput.of("file", "required: the CSV or XLSX file as the multipart part 'file'");
    }
    Map<String, Object> options = options(request);
    String fingerprint = "POST /imports " + fileName(file) + " " + file.getSize() + " " + options;
    return idempotency.create(user.id(), key, fingerprint, () -> {
      ImportView view = uploads.submit(fileName(file), file::transferTo, options, user);
      return new Idempotency.Created(URI.create("/api/v1/imports/" + view.id()), view(view),
          HttpStatus.ACCEPTED.value());
    });
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) @Nullable String cursor) {
    CurrentUser user = access.current();
    if (limit < 1 || limit > 100) {
      throw InvalidInput.of("limit", "between 1 and 100");
    }
    Instant beforeAt = null;
    UUID beforeId = null;
    if (cursor != null) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
        beforeAt = Instant.parse(parts[0]);
        beforeId = UUID.fromString(parts[1]);
      } catch (RuntimeException e) {
        throw InvalidInput.of("cursor", "not a cursor of this list");
      }
    }
    List<ImportView> page = imports.page(user, limit + 1, beforeAt, beforeId);
    List<Map<String, Object>> items = new ArrayList<>();
    page.stream().limit(limit).forEach(v -> items.add(view(v)));
    String next = null;
    if (page.size() > limit) {
      ImportView last = page.get(limit - 1);
      next = Base64.getUrlEncoder().withoutPadding().encodeToString((last.createdAt() + "|" + last.id())
          .getBytes(StandardCharsets.UTF_8));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("items", items);
    body.put("nextCursor", next);
    return body;
  }

  @GetMapping("/{id}")
  Map<String, Object> get(@PathVariable UUID id) {
    return view(imports.get(id, access.current()));
  }

  @PostMapping("/{id}/cancel")
  Map<String, Object> cancel(@PathVariable UUID id) {
    return view(imports.cancel(id, access.current()));
  }

  @GetMapping("/{id}/errors.csv")
  void errors(@PathVariable UUID id, HttpServletResponse response) throws IOException {
    CurrentUser user = access.current();
    imports.get(id, user);
    response.setContentType("text/csv; charset=UTF-8");
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + id + "-errors.csv\"");
    imports.writeErrors(id, user, response.getOutputStream());
  }

  /** The options part: a form field, or a part of its own (with or without a file name), holding JSON. */
  static @Nullable Map<String, Object> options(MultipartHttpServletRequest request) throws IOException {
    String text = request.getParameter("options");
    if (text == null) {
      MultipartFile part = request.getFile("options");
      if (part != null) {
        if (part.getSize() > MAX_OPTIONS) {
          throw new PayloadTooLarge("the options part may be at most 100 kB");
        }
        text = new String(part.getBytes(), StandardCharsets.UTF_8);
      }
    }
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.length() > MAX_OPTIONS) {
      throw new PayloadTooLarge("the options part may be at most 100 kB");
    }
    try {
      return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JacksonException e) {
      throw InvalidInput.of("options", "not a JSON object: " + e.getOriginalMessage());
    }
  }

  static String fileName(MultipartFile file) {
    String name = file.getOriginalFilename();
    return name == null || name.isBlank() ? "upload" : name;
  }

  static Map<String, Object> view(ImportView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", v.id());
    m.put("kind", "lead-import");
    m.put("status", v.status());
    m.put("fileName", v.fileName());
    m.put("format", v.format());
    m.put("fileSize", v.fileSize());
    m.put("encoding", v.encoding().isEmpty() ? null : v.encoding());
    m.put("delimiter", v.format().equals("XLSX") ? null : v.delimiter());
    m.put("mode", v.mode());
    m.put("matchBy", v.matchBy());
    m.put("mapping", v.mapping());
    m.put("defaults", v.defaults());
    m.put("total", v.total());
    m.put("processed", v.processed());
    m.put("created", v.created());
    m.put("updated", v.updated());
    m.put("skipped", v.skipped());
    m.put("failed", v.failed());
    m.put("createdBy", v.createdBy());
    m.put("createdAt", ApiTime.format(v.createdAt()));
    m.put("startedAt", ApiTime.format(v.startedAt()));
    m.put("finishedAt", ApiTime.format(v.finishedAt()));
    m.put("error", v.error());
    m.put("stoppedAtLine", v.stoppedAtLine());
    m.put("errorsUrl", "/api/v1/imports/" + v.id() + "/errors.csv");
    return m;
  }
}
