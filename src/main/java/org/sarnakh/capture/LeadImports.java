package org.sarnakh.capture;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadCsvExport;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.jobs.Jobs;
import org.sarnakh.platform.web.PayloadTooLarge;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;

/**
 * Lead imports: upload a CSV or XLSX file with options and it becomes a durable job
 * ({@link ImportJob}); or, as the wizard does, upload first (a draft), look at the first rows and
 * the suggested mapping, then start. Imports are for administrators, marketing and sales managers;
 * each is visible to whoever started it and to administrators.
 */
@Service
public class LeadImports {

  public static final String DRAFT = "DRAFT";

  /** Writes the uploaded bytes to the path it is given: a multipart part moves there, a local file is copied. */
  @FunctionalInterface
  public interface Upload {
    void writeTo(Path target) throws IOException;
  }

  static final Duration DRAFT_LIFETIME = Duration.ofDays(1);
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final Imports imports;
  private final ImportFiles files;
  private final Jobs jobs;
  private final CodeLists lists;
  private final LeadCatalog catalog;
  private final ImportSettings settings;
  private final TransactionTemplate tx;
  private final Clock clock;

  LeadImports(Imports imports, ImportFiles files, Jobs jobs, CodeLists lists, LeadCatalog catalog,
      ImportSettings settings, TransactionTemplate tx, Clock clock) {
    this.imports = imports;
    this.files = files;
    this.jobs = jobs;
    this.lists = lists;
    this.catalog = catalog;
    this.settings = settings;
    this.tx = tx;
    this.clock = clock;
  }

  /** Whether the user's role may import (PRODUCT.md §5): not sales reps. */
  public static boolean mayImport(CurrentUser user) {
    return user.role() == Role.ADMIN || user.role() == Role.MARKETING || user.role() == Role.SALES_MANAGER;
  }

  public static void requireImporter(CurrentUser user) {
    if (!mayImport(user)) {
      throw new AccessDeniedException("sales reps cannot import leads");
    }
  }

  /** The largest upload accepted, in bytes ({@code sarnakh.import.max-upload}). */
  public long maxUpload() {
    return settings.maxUpload().toBytes();
  }

  /**
   * Stores the file, checks it and the options (a 400 now rather than a failed job later) and queues
   * the import. {@code options} as PRODUCT.md §9 gives them; null takes every default.
   */
  public ImportView submit(String fileName, Upload upload, @Nullable Map<String, ?> options,
      CurrentUser user) {
    requireImporter(user);
    ImportOptions parsed = ImportOptions.parse(options);
    UUID id = UUID.randomUUID();
    Path stored = store(id, upload);
    try {
      ImportFiles.Inspection inspection = files.inspect(stored, parsed.encoding(), parsed.delimiter());
      ImportOptions applied = check(parsed, inspection);
      Instant now = ApiTime.truncate(clock.instant());
      tx.executeWithoutResult(s -> {
        imports.insert(id, name(fileName), inspection.kind(), size(stored), stored.getFileName().toString(),
            inspection.encodingName(), String.valueOf(inspection.delimiter()), inspection.header(),
            json(applied), user.id(), now);
        jobs.submit(id, ImportJob.KIND, "{\"import\":\"" + id + "\"}", user.id());
      });
      return get(id, user);
    } catch (RuntimeException e) {
      files.delete(stored);
      throw e;
    }
  }

  /** The wizard's first step: the file is stored and looked at, nothing runs yet. */
  public ImportView draft(String fileName, Upload upload, String encoding, String delimiter,
      CurrentUser user) {
    requireImporter(user);
    Map<String, Object> format = new LinkedHashMap<>();
    format.put("encoding", encoding);
    format.put("delimiter", delimiter);
    ImportOptions requested = ImportOptions.parse(format);
    UUID id = UUID.randomUUID();
    Path stored = store(id, upload);
    try {
      ImportFiles.Inspection inspection = files.inspect(stored, requested.encoding(), requested.delimiter());
      imports.insert(id, name(fileName), inspection.kind(), size(stored), stored.getFileName().toString(),
          inspection.encodingName(), String.valueOf(inspection.delimiter()), inspection.header(), json(requested),
          user.id(), ApiTime.truncate(clock.instant()));
      return get(id, user);
    } catch (RuntimeException e) {
      files.delete(stored);
      throw e;
    }
  }

  /** A draft's columns, first records and suggested mapping, for the wizard's mapping step. */
  public ImportPreview preview(UUID id, CurrentUser user) {
    Imports.Stored stored = visible(id, user);
    ImportOptions requested = requestedFormat(stored);
    ImportFiles.Inspection inspection = files.inspect(files.path(stored.storedPath()), requested.encoding(),
        requested.delimiter());
    List<String> columns = ImportFiles.uniqueHeader(inspection.header());
    List<CodeLists.CustomField> custom = lists.customFields();
    List<List<String>> rows = new ArrayList<>();
    for (SourceRows.Row r : inspection.preview()) {
      rows.add(r.cells().stream().map(c -> c.length() > 200 ? c.substring(0, 199) + "…" : c).toList());
    }
    Map<String, String> labels = new LinkedHashMap<>();
    custom.forEach(c -> labels.put("customFields." + c.name(), c.label()));
    Map<String, String> mapping = stored.options() != null && options(stored).mapping() != null
        ? options(stored).mapping() : ColumnTargets.suggest(columns, custom);
    return new ImportPreview(view(stored), columns, rows, mapping, ColumnTargets.all(custom), labels);
  }

  /** Starts a draft with the options the wizard collected (its encoding and separator kept unless given). */
  public ImportView start(UUID id, Map<String, ?> options, CurrentUser user) {
    Imports.Stored stored = visible(id, user);
    if (!stored.status().equals(DRAFT)) {
      throw new org.sarnakh.platform.DomainConflict("import-started", "this import has already started");
    }
    Map<String, Object> all = new LinkedHashMap<>(requestedFormat(stored).toJson());
    all.remove("mapping");
    all.remove("mode");
    all.remove("matchBy");
    all.remove("defaults");
    all.putAll(options);
    ImportOptions parsed = ImportOptions.parse(all);
    ImportFiles.Inspection inspection = files.inspect(files.path(stored.storedPath()), parsed.encoding(),
        parsed.delimiter());
    ImportOptions applied = check(parsed, inspection);
    tx.executeWithoutResult(s -> {
      imports.setOptions(id, json(applied), inspection.encodingName(), String.valueOf(inspection.delimiter()));
      jobs.submit(id, ImportJob.KIND, "{\"import\":\"" + id + "\"}", user.id());
    });
    return get(id, user);
  }

  public ImportView get(UUID id, CurrentUser user) {
    return view(visible(id, user));
  }

  /** The user's imports, newest first (an administrator sees everybody's). */
  public List<ImportView> list(CurrentUser user, int limit) {
    return page(user, limit, null, null);
  }

  /** A keyset page of {@link #list}: imports created before ({@code beforeAt}, {@code beforeId}). */
  public List<ImportView> page(CurrentUser user, int limit, @Nullable Instant beforeAt, @Nullable UUID beforeId) {
    requireImporter(user);
    return imports.list(user.role() == Role.ADMIN ? null : user.id(), Math.max(1, Math.min(limit, 201)), beforeAt,
        beforeId).stream().map(this::view).toList();
  }

  /** Stops a running import after its current chunk (what was committed stays); discards a draft. */
  public ImportView cancel(UUID id, CurrentUser user) {
    Imports.Stored stored = visible(id, user);
    if (stored.status().equals(DRAFT)) {
      discard(stored);
      return view(stored);
    }
    jobs.cancel(id);
    return get(id, user);
  }

  /**
   * The refused rows as CSV: UTF-8 with BOM, columns {@code line}, {@code field}, {@code reason}, then
   * the file's own header and cells, each cell defused like the export's.
   */
  public void writeErrors(UUID id, CurrentUser user, OutputStream out) {
    Imports.Stored stored = visible(id, user);
    try {
      Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
      writer.write('\uFEFF');
      try (CsvWriter csv = CsvWriter.builder().build(writer)) {
        List<String> header = new ArrayList<>(List.of("line", "field", "reason"));
        header.addAll(stored.header());
        csv.writeRecord(header.stream().map(LeadCsvExport::defuse).toList());
        imports.forEachError(id, e -> {
          List<String> row = new ArrayList<>(List.of(String.valueOf(e.line()), e.field(), e.reason()));
          row.addAll(e.cells());
          csv.writeRecord(row.stream().map(LeadCsvExport::defuse).toList());
        });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads left as drafts for a day are removed with their files. */
  @Scheduled(fixedDelayString = "${sarnakh.import.draft-sweep:1h}", initialDelayString = "${sarnakh.import.draft-sweep:1h}")
  void discardAbandonedDrafts() {
    for (Imports.Stored d : imports.abandonedDrafts(clock.instant().minus(DRAFT_LIFETIME))) {
      discard(d);
    }
  }

  private void discard(Imports.Stored stored) {
    files.delete(files.path(stored.storedPath()));
    imports.delete(stored.id());
  }

  private Path store(UUID id, Upload upload) {
    Path stored = files.store(id, upload);
    if (size(stored) > maxUpload()) {
      files.delete(stored);
      throw new PayloadTooLarge("an import file may be at most " + settings.maxUpload().toMegabytes() + " MB");
    }
    return stored;
  }

  private Imports.Stored visible(UUID id, CurrentUser user) {
    requireImporter(user);
    return imports.find(id).filter(i -> user.role() == Role.ADMIN || i.createdBy().equals(user.id()))
        .orElseThrow(() -> new NotFound("import"));
  }

  /**
   * Checks the options against the file: every mapped column exists, every target is a lead field
   * (once), something is mapped; the defaults are valid lead values. Returns the options with the
   * mapping that will be applied, suggested when none was given.
   */
  private ImportOptions check(ImportOptions options, ImportFiles.Inspection inspection) {
    List<String> columns = ImportFiles.uniqueHeader(inspection.header());
    List<CodeLists.CustomField> custom = lists.customFields();
    List<String> targets = ColumnTargets.all(custom);
    List<FieldProblem> problems = new ArrayList<>();
    Map<String, String> mapping = new LinkedHashMap<>();
    if (options.mapping() == null) {
      mapping.putAll(ColumnTargets.suggest(columns, custom));
    } else {
      for (String column : columns) {
        mapping.put(column, "");
      }
      Set<String> used = new HashSet<>();
      options.mapping().forEach((column, target) -> {
        String field = "options.mapping." + column;
        if (!columns.contains(column)) {
          problems.add(new FieldProblem(field, "the file has no column named \"" + column + "\""));
        } else if (!target.isEmpty() && ColumnTargets.OUTPUT_ONLY.contains(target)) {
          problems.add(new FieldProblem(field, "'" + target + "' is read-only and cannot be imported"));
        } else if (!target.isEmpty() && !targets.contains(target)) {
          problems.add(new FieldProblem(field, target.startsWith("customFields.")
              ? "unknown custom field '" + target.substring(13) + "'; define it in /api/v1/settings/custom-fields"
              : "unknown lead field '" + target + "'"));
        } else if (!target.isEmpty() && !used.add(target)) {
          problems.add(new FieldProblem(field, "another column is already mapped to '" + target + "'"));
        } else {
          mapping.put(column, target);
        }
      });
    }
    if (problems.isEmpty() && mapping.values().stream().allMatch(String::isEmpty)) {
      problems.add(new FieldProblem("options.mapping", "no column is mapped to a lead field; the columns are "
          + String.join(", ", columns)));
    }
    try {
      LeadInput.parse(options.defaults(), catalog);
    } catch (InvalidInput e) {
      e.problems().forEach(p -> problems.add(new FieldProblem("options.defaults." + p.field(), p.message())));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInput(problems);
    }
    return options.withMapping(mapping);
  }

  private ImportOptions requestedFormat(Imports.Stored stored) {
    return stored.options() == null ? ImportOptions.standard() : options(stored);
  }

  static ImportOptions options(Imports.Stored stored) {
    return stored.options() == null ? ImportOptions.standard()
        : ImportOptions.parse(Imports.JSON.readValue(stored.options(), MAP));
  }

  private ImportView view(Imports.Stored s) {
    ImportOptions o = options(s);
    Long stoppedAt = null;
    if (s.result() != null) {
      Object line = Imports.JSON.readValue(s.result(), MAP).get("stoppedAtLine");
      stoppedAt = line instanceof Number n ? n.longValue() : null;
    }
    return new ImportView(s.id(), s.status(), s.fileName(), s.fileKind(), s.fileSize(), s.encoding(), s.delimiter(),
        o.mapping(), o.mode().name(), ImportOptions.KEYS.stream().filter(o.matchBy()::contains).toList(),
        o.defaults(), s.total(), s.processed(), s.created(), s.updated(), s.skipped(), s.failed(), s.createdBy(),
        s.createdAt(), s.startedAt(), s.finishedAt(), s.error(), stoppedAt);
  }

  private static String json(ImportOptions options) {
    return Imports.JSON.writeValueAsString(options.toJson());
  }

  private static String name(String fileName) {
    String n = fileName.replaceAll("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]", "").replaceAll(".*[/\\\\]", "").strip();
    if (n.isEmpty()) {
      n = "upload";
    }
    return n.length() > 255 ? n.substring(0, 255) : n;
  }

  private static long size(Path p) {
    try {
      return java.nio.file.Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
