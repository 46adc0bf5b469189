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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.Role;
import org.sarnakh.lead.LeadCsvExport;
import org.sarnakh.platform.NotFound;
import org.sarnakh.platform.jobs.Jobs;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;

/**
 * Lead imports once uploaded ({@link ImportUploads} starts them, {@link ImportJob} runs them): their
 * progress, the report of refused rows, cancelling, the list. Imports are for administrators,
 * marketing and sales managers; each is visible to whoever started it and to administrators.
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
  private final ImportSettings settings;
  private final Clock clock;

  LeadImports(Imports imports, ImportFiles files, Jobs jobs, ImportSettings settings, Clock clock) {
    this.imports = imports;
    this.files = files;
    this.jobs = jobs;
    this.settings = settings;
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

  /** The import as {@code user} may see it: their own, or anybody's for an administrator; else 404. */
  Imports.Stored visible(UUID id, CurrentUser user) {
    requireImporter(user);
    return imports.find(id).filter(i -> user.role() == Role.ADMIN || i.createdBy().equals(user.id()))
        .orElseThrow(() -> new NotFound("import"));
  }

  static ImportOptions options(Imports.Stored stored) {
    return stored.options() == null ? ImportOptions.standard()
        : ImportOptions.parse(Imports.JSON.readValue(stored.options(), MAP));
  }

  ImportView view(Imports.Stored s) {
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

}
