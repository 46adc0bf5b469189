package org.sarnakh.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.jobs.Jobs;
import org.sarnakh.platform.web.PayloadTooLarge;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starting imports: a file with its options becomes a queued import job at once (API, CLI); or, as
 * the wizard does, the file is stored as a draft, looked at (first rows, suggested mapping) and
 * started later. Files and options are checked before anything runs: a bad file or option is a 400
 * now, not a failed job later.
 */
@Service
public class ImportUploads {

  private final Imports imports;
  private final ImportFiles files;
  private final Jobs jobs;
  private final CodeLists lists;
  private final LeadCatalog catalog;
  private final ImportSettings settings;
  private final LeadImports leadImports;
  private final TransactionTemplate tx;
  private final Clock clock;

  ImportUploads(Imports imports, ImportFiles files, Jobs jobs, CodeLists lists, LeadCatalog catalog,
      ImportSettings settings, LeadImports leadImports, TransactionTemplate tx, Clock clock) {
    this.imports = imports;
    this.files = files;
    this.jobs = jobs;
    this.lists = lists;
    this.catalog = catalog;
    this.settings = settings;
    this.leadImports = leadImports;
    this.tx = tx;
    this.clock = clock;
  }

  /**
   * Stores the file, checks it and the options (a 400 now rather than a failed job later) and queues
   * the import. {@code options} as PRODUCT.md §9 gives them; null takes every default.
   */
  public ImportView submit(String fileName, LeadImports.Upload upload, @Nullable Map<String, ?> options,
      CurrentUser user) {
    LeadImports.requireImporter(user);
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
      return leadImports.get(id, user);
    } catch (RuntimeException e) {
      files.delete(stored);
      throw e;
    }
  }

  /** The wizard's first step: the file is stored and looked at, nothing runs yet. */
  public ImportView draft(String fileName, LeadImports.Upload upload, String encoding, String delimiter,
      CurrentUser user) {
    LeadImports.requireImporter(user);
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
      return leadImports.get(id, user);
    } catch (RuntimeException e) {
      files.delete(stored);
      throw e;
    }
  }

  /** A draft's columns, first records and suggested mapping, for the wizard's mapping step. */
  public ImportPreview preview(UUID id, CurrentUser user) {
    Imports.Stored stored = leadImports.visible(id, user);
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
    Map<String, String> mapping = stored.options() != null && LeadImports.options(stored).mapping() != null
        ? LeadImports.options(stored).mapping() : ColumnTargets.suggest(columns, custom);
    return new ImportPreview(leadImports.view(stored), columns, rows, mapping, ColumnTargets.all(custom), labels);
  }

  /** Starts a draft with the options the wizard collected (its encoding and separator kept unless given). */
  public ImportView start(UUID id, Map<String, ?> options, CurrentUser user) {
    Imports.Stored stored = leadImports.visible(id, user);
    if (!stored.status().equals(LeadImports.DRAFT)) {
      throw new DomainConflict("import-started", "this import has already started");
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
    return leadImports.get(id, user);
  }

  private Path store(UUID id, LeadImports.Upload upload) {
    Path stored = files.store(id, upload);
    if (size(stored) > settings.maxUpload().toBytes()) {
      files.delete(stored);
      throw new PayloadTooLarge("an import file may be at most " + settings.maxUpload().toMegabytes() + " MB");
    }
    return stored;
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
    return stored.options() == null ? ImportOptions.standard() : LeadImports.options(stored);
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
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
