package org.sarnakh.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.lead.LeadMatching;
import org.sarnakh.platform.jobs.JobHandler;
import org.sarnakh.platform.jobs.JobRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an import: reads the file in chunks, converts each record through the lead parser on a
 * reading thread while the previous chunk is written, asks the duplicate guard once per chunk
 * (stored leads and contacts; earlier rows of the file are stored leads by then, or this chunk's
 * own), bulk-inserts new leads (COPY on PostgreSQL), updates matches in UPSERT mode and records the
 * refused rows. A chunk's leads, errors, counters and position commit in one transaction, so a run
 * that dies resumes after the last committed chunk with no row lost or written twice.
 */
@Component
class ImportJob implements JobHandler {

  static final String KIND = "lead-import";
  private static final Logger log = LoggerFactory.getLogger(ImportJob.class);

  /** Runs in each chunk's transaction just before it commits: the seam tests use to stop a run as a crash would. */
  interface ChunkHook {
    void beforeCommit(UUID importId, long nextRecord);
  }

  volatile @Nullable ChunkHook hook;

  private final Imports imports;
  private final ImportFiles files;
  private final UserDirectory users;
  private final LeadCatalog catalog;
  private final CodeLists lists;
  private final LeadMatching matching;
  private final LeadBulkLoad bulk;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final ImportSettings settings;
  private final ImportIds ids;

  ImportJob(Imports imports, ImportFiles files, UserDirectory users, LeadCatalog catalog, CodeLists lists,
      LeadMatching matching, LeadBulkLoad bulk, TransactionTemplate tx, Clock clock, ImportSettings settings) {
    this.imports = imports;
    this.files = files;
    this.users = users;
    this.catalog = catalog;
    this.lists = lists;
    this.matching = matching;
    this.bulk = bulk;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
    this.ids = new ImportIds(clock);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** How the file is read this run, settled over the whole file. */
  private record Format(String kind, Charset charset, int bomLength, char delimiter) {}

  @Override
  public void run(JobRun run) throws Exception {
    UUID id = run.id();
    Imports.Stored imp = imports.find(id).orElseThrow(() -> new IllegalStateException("import " + id + " is gone"));
    CurrentUser user = users.current(imp.createdBy())
        .orElseThrow(() -> new IllegalStateException("the user who started this import is no longer active"));
    ImportOptions options = LeadImports.options(imp);
    Path file = files.path(imp.storedPath());
    if (!Files.exists(file)) {
      throw new IllegalStateException("the uploaded file is no longer there");
    }
    ImportTimings timings = new ImportTimings();
    long started = System.nanoTime();
    Format format = timings.time("scan", () -> {
      try {
        return settle(imp, options, file, run);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CachedCatalog cached = new CachedCatalog(catalog);
    RowConversion conversion = new RowConversion(ImportFiles.uniqueHeader(imp.header()),
        options.mapping() == null ? Map.of() : options.mapping(), options.matchBy(),
        LeadInput.parse(options.defaults(), cached), lists.customFields(), cached,
        format.kind().equals(ImportFiles.XLSX) ? "XLSX" : format.charset().name(), ids);
    ChunkWriter writing = new ChunkWriter(imports, matching, bulk, tx, clock, () -> hook, run, imp, user, options,
        conversion, new Actor(user.id(), actorName(user, imp.fileName()), Actor.Channel.IMPORT), timings);
    // The first analysis after the first chunk (a table that held nothing has no statistics yet),
    // then each time the table doubles: planners never far off, a few analyses in all.
    long statisticsAt = Math.max(settings.chunkSize(), bulk.count());
    long grown = 0;
    long next = imp.nextRecord();
    Long stoppedAt = null;
    try (SourceRows rows = ImportFiles.open(file, format.kind(), format.charset().name(), format.bomLength(),
        format.delimiter()); ChunkReader reading = new ChunkReader(rows, conversion, next, settings.chunkSize(), timings)) {
      while (!run.cancelled()) {
        ChunkReader.Chunk chunk = timings.time("waiting for the reader", () -> {
          try {
            return reading.next();
          } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
          }
        });
        if (chunk.consumed() > 0) {
          long created = writing.write(chunk, next);
          next += chunk.consumed();
          grown += created;
          if (grown >= statisticsAt) {
            timings.time("statistics", bulk::refreshStatistics);
            statisticsAt += grown;
            grown = 0;
          }
        }
        if (chunk.malformed() != null) {
          stoppedAt = chunk.malformed().line();
        }
        if (chunk.last()) {
          break;
        }
      }
    }
    if (run.cancelled()) {
      files.delete(file);
      return;
    }
    Imports.Stored done = imports.find(id).orElseThrow();
    run.total(done.processed());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("created", done.created());
    result.put("updated", done.updated());
    result.put("skipped", done.skipped());
    result.put("failed", done.failed());
    if (stoppedAt != null) {
      result.put("stoppedAtLine", stoppedAt);
    }
    run.result(Imports.JSON.writeValueAsString(result));
    if (grown > 0) {
      timings.time("statistics", bulk::refreshStatistics);
    }
    files.delete(file);
    log.info("import {} ({}): {} rows in {} s; {}", id, imp.fileName(), done.processed(),
        String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), timings);
  }

  /**
   * Settles the encoding over the whole file when it is "auto" (a file whose first megabyte is plain
   * ASCII may turn out Windows-1256 further on) and counts the records for the total: a byte scan
   * for CSV, a pass over the sheet for XLSX.
   */
  private Format settle(Imports.Stored imp, ImportOptions options, Path file, JobRun run) throws IOException {
    if (imp.fileKind().equals(ImportFiles.XLSX)) {
      long rows = 0;
      try (XlsxSource sheet = new XlsxSource(file)) {
        for (SourceRows.Row r = sheet.next(); r != null; r = sheet.next()) {
          rows++;
        }
      } catch (SourceRows.MalformedFile e) {
        // Counted up to where the sheet breaks; the run reports the break itself.
      }
      run.total(rows);
      return new Format(ImportFiles.XLSX, StandardCharsets.UTF_8, 0, ',');
    }
    byte[] head = new byte[ImportFiles.SNIFF];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    char delimiter = imp.delimiter().isEmpty() ? ',' : imp.delimiter().charAt(0);
    TextFormat.Encoding encoding;
    if (options.encoding().equals("auto")) {
      encoding = TextFormat.detect(head, n, n < head.length);
      if (encoding == null) {
        throw new IllegalStateException("the file is not text");
      }
    } else {
      encoding = TextFormat.named(Charset.forName(options.encoding()), head, n);
    }
    if (encoding.asciiCompatible()) {
      TextFormat.Scan scan;
      try (InputStream in = Files.newInputStream(file)) {
        scan = TextFormat.scan(in, delimiter, encoding.bomLength());
      }
      if (options.encoding().equals("auto") && encoding.bomLength() == 0) {
        encoding = new TextFormat.Encoding(scan.utf8() ? StandardCharsets.UTF_8 : TextFormat.WINDOWS_1256, 0);
      }
      run.total(scan.records());
    } else {
      long records = 0;
      try (CsvSource rows = new CsvSource(file, encoding, delimiter)) {
        while (rows.next() != null) {
          records++;
        }
      } catch (SourceRows.MalformedFile e) {
        // Counted up to the break.
      }
      run.total(records);
    }
    if (!encoding.charset().name().equals(imp.encoding())) {
      imports.settle(imp.id(), encoding.charset().name());
    }
    return new Format(ImportFiles.CSV, encoding.charset(), encoding.bomLength(), delimiter);
  }

  private static String actorName(CurrentUser user, String fileName) {
    String name = user.actorName() + " · " + fileName;
    return name.length() > 100 ? name.substring(0, 99) + "…" : name;
  }
}
