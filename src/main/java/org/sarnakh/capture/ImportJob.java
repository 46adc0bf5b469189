package org.sarnakh.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.RowConversion.Blank;
import org.sarnakh.capture.RowConversion.Converted;
import org.sarnakh.capture.RowConversion.Refused;
import org.sarnakh.capture.RowConversion.Valid;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.identity.UserDirectory;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.CodeLists;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadCatalog;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.lead.LeadMatching;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.InvalidValue;
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
  /** Characters of cells a chunk may hold before it is cut short of its row count, so memory stays bounded. */
  static final long CHUNK_CHARS = 8_000_000;
  private static final int ATTEMPTS = 3;

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

  /** Where a run's time goes, phase by phase, for the log line at its end (and the benchmark). */
  static final class Timings {
    private final Map<String, Long> nanos = new java.util.concurrent.ConcurrentHashMap<>();

    <T> T time(String phase, java.util.function.Supplier<T> work) {
      long t0 = System.nanoTime();
      try {
        return work.get();
      } finally {
        nanos.merge(phase, System.nanoTime() - t0, Long::sum);
      }
    }

    void time(String phase, Runnable work) {
      time(phase, () -> {
        work.run();
        return null;
      });
    }

    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      nanos.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append(' ')
              .append(String.format(java.util.Locale.ROOT, "%.2f s", e.getValue() / 1e9)));
      return b.toString();
    }
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
    Timings timings = new Timings();
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
    Writing writing = new Writing(run, imp, user, options, conversion,
        new Actor(user.id(), actorName(user, imp.fileName()), Actor.Channel.IMPORT), timings);
    // The first analysis after the first chunk (a table that held nothing has no statistics yet),
    // then each time the table doubles: planners never far off, a few analyses in all.
    long statisticsAt = Math.max(settings.chunkSize(), bulk.count());
    long grown = 0;
    long next = imp.nextRecord();
    Long stoppedAt = null;
    try (SourceRows rows = ImportFiles.open(file, format.kind(), format.charset().name(), format.bomLength(),
        format.delimiter()); Reading reading = new Reading(rows, conversion, next, settings.chunkSize(), timings)) {
      while (!run.cancelled()) {
        Chunk chunk = timings.time("waiting for the reader", () -> {
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

  /**
   * Records read and converted, ready to write. {@code consumed} counts every record read (blank
   * ones and, when the file breaks, the broken one), which is how far the next run skips.
   */
  record Chunk(List<Converted> rows, long consumed, SourceRows.@Nullable MalformedFile malformed, boolean end) {
    boolean last() {
      return end || malformed != null;
    }
  }

  /**
   * Reads and converts the next chunk on its own thread while the caller writes the current one:
   * on two cores, parsing and normalising overlap with the database's work.
   */
  private static final class Reading implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "import-reader");
      t.setDaemon(true);
      return t;
    });
    private final SourceRows rows;
    private final RowConversion conversion;
    private final int size;
    private final Timings timings;
    private @Nullable Future<Chunk> ahead;

    Reading(SourceRows rows, RowConversion conversion, long skip, int size, Timings timings) {
      this.rows = rows;
      this.conversion = conversion;
      this.size = size;
      this.timings = timings;
      this.ahead = thread.submit(() -> skip(skip) ? timed() : new Chunk(List.of(), 0, null, true));
    }

    private Chunk timed() {
      return timings.time("reading and converting (own thread)", this::read);
    }

    Chunk next() throws Exception {
      if (ahead == null) {
        return new Chunk(List.of(), 0, null, true);
      }
      Chunk chunk;
      try {
        chunk = ahead.get();
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
      ahead = chunk.last() ? null : thread.submit(this::timed);
      return chunk;
    }

    /** Skips what earlier runs committed; false when the file ends (or breaks, already reported) meanwhile. */
    private boolean skip(long records) {
      try {
        for (long i = 0; i < records; i++) {
          if (rows.next() == null) {
            return false;
          }
        }
        return true;
      } catch (SourceRows.MalformedFile e) {
        return false;
      }
    }

    private Chunk read() {
      List<Converted> out = new ArrayList<>(size);
      long chars = 0;
      long consumed = 0;
      while (out.size() < size && chars < CHUNK_CHARS) {
        SourceRows.Row row;
        try {
          row = rows.next();
        } catch (SourceRows.MalformedFile e) {
          return new Chunk(out, consumed + 1, e, true);
        }
        if (row == null) {
          return new Chunk(out, consumed, null, true);
        }
        consumed++;
        for (String c : row.cells()) {
          chars += c.length();
        }
        out.add(conversion.convert(row));
      }
      return new Chunk(out, consumed, null, false);
    }

    @Override
    public void close() {
      thread.shutdownNow();
    }
  }

  /** A lead a chunk writes: new (inserted at commit) or stored (updated at commit, logged against {@code before}). */
  private static final class Target {
    final Lead lead;
    final @Nullable Map<String, String> before;

    Target(Lead lead, @Nullable Map<String, String> before) {
      this.lead = lead;
      this.before = before;
    }
  }

  /** Writes chunks of one run: decides per row, then commits the chunk with its counters and position. */
  private final class Writing {
    private final JobRun run;
    private final Imports.Stored imp;
    private final CurrentUser user;
    private final ImportOptions options;
    private final RowConversion conversion;
    private final Actor actor;
    private final Timings timings;

    Writing(JobRun run, Imports.Stored imp, CurrentUser user, ImportOptions options, RowConversion conversion,
        Actor actor, Timings timings) {
      this.timings = timings;
      this.run = run;
      this.imp = imp;
      this.user = user;
      this.options = options;
      this.conversion = conversion;
      this.actor = actor;
    }

    /** Commits one chunk (retried when a lead it updates changed meanwhile); returns how many leads it created. */
    long write(Chunk chunk, long from) {
      for (int attempt = 1; ; attempt++) {
        try {
          Long created = timings.time("chunk transactions", () -> tx.execute(s -> writeOnce(chunk, from)));
          return created == null ? 0 : created;
        } catch (DomainConflict e) {
          if (attempt >= ATTEMPTS) {
            throw e;
          }
        }
      }
    }

    private long writeOnce(Chunk chunk, long from) {
      Instant now = ApiTime.truncate(clock.instant());
      List<Valid> valid = new ArrayList<>();
      for (Converted c : chunk.rows()) {
        if (c instanceof Valid v) {
          valid.add(v);
        }
      }
      List<List<DuplicateMatch>> matches = timings.time("duplicate checks",
          () -> matching.findAll(valid.stream().map(Valid::keys).toList()));
      boolean upsert = options.mode() == ImportOptions.Mode.UPSERT;
      Map<UUID, Lead> stored = Map.of();
      if (upsert) {
        Set<UUID> leadIds = new LinkedHashSet<>();
        matches.forEach(ms -> ms.stream().filter(m -> m.kind() == DuplicateMatch.Kind.LEAD)
            .forEach(m -> leadIds.add(m.id())));
        stored = timings.time("loading matches", () -> bulk.editable(leadIds, user));
      }
      Map<String, Target> byKey = new LinkedHashMap<>();
      Map<UUID, Target> targets = new LinkedHashMap<>();
      List<Imports.Error> errors = new ArrayList<>();
      long created = 0;
      long updated = 0;
      long skipped = 0;
      long failed = 0;
      int v = 0;
      for (Converted c : chunk.rows()) {
        if (c instanceof Blank) {
          continue;
        }
        if (c instanceof Refused r) {
          errors.add(error(r.line(), r.problems(), r.cells()));
          failed++;
          continue;
        }
        Valid row = (Valid) c;
        List<DuplicateMatch> found = matches.get(v++);
        Target local = local(byKey, row.keys());
        if (!upsert) {
          if (local != null || !found.isEmpty()) {
            skipped++;
            continue;
          }
        } else {
          Target target = local;
          for (int i = 0; target == null && i < found.size(); i++) {
            DuplicateMatch m = found.get(i);
            Lead lead = m.kind() == DuplicateMatch.Kind.LEAD ? stored.get(m.id()) : null;
            if (lead != null) {
              target = targets.computeIfAbsent(lead.id().value(), k -> new Target(lead, lead.snapshot()));
            }
          }
          if (target != null) {
            try {
              merge(target.lead, row, now);
            } catch (InvalidInput e) {
              errors.add(error(row.line(), e.problems(), row.cells()));
              failed++;
              continue;
            } catch (InvalidValue e) {
              errors.add(error(row.line(), List.of(new FieldProblem(e.field(), e.getMessage())), row.cells()));
              failed++;
              continue;
            }
            index(byKey, target);
            updated++;
            continue;
          }
          if (!found.isEmpty()) {
            // Only contacts, or leads this user cannot see or change (converted): not ours to update.
            skipped++;
            continue;
          }
        }
        Target fresh = new Target(Lead.create(row.id(), row.withDefaults(), now, user.id()), null);
        targets.put(row.id().value(), fresh);
        index(byKey, fresh);
        created++;
      }
      List<Lead> inserts = new ArrayList<>();
      List<LeadBulkLoad.Edit> edits = new ArrayList<>();
      for (Target t : targets.values()) {
        if (t.before == null) {
          inserts.add(t.lead);
        } else {
          edits.add(new LeadBulkLoad.Edit(t.lead, t.before));
        }
      }
      timings.time("inserts", () -> bulk.insert(inserts, actor));
      timings.time("updates", () -> bulk.update(edits, actor, now));
      imports.insertErrors(imp.id(), errors);
      if (chunk.malformed() != null) {
        imports.insertErrors(imp.id(), List.of(new Imports.Error(chunk.malformed().line(), "file",
            chunk.malformed().getMessage(), List.of())));
        failed++;
      }
      long to = from + chunk.consumed();
      if (!imports.advance(imp.id(), from, to, created, updated, skipped)) {
        throw new IllegalStateException("another run of this import committed this chunk; this run stops");
      }
      run.progress(created + updated + skipped + failed, failed, String.valueOf(to));
      ChunkHook h = hook;
      if (h != null) {
        h.beforeCommit(imp.id(), to);
      }
      return created;
    }

    /**
     * A row's values applied to a lead it matched: its non-empty cells patch the lead, its custom
     * fields add to the lead's, its tags and the import's are added to the lead's.
     */
    @SuppressWarnings("unchecked")
    private void merge(Lead lead, Valid row, Instant now) {
      Map<LeadField, @Nullable Object> changes = new EnumMap<>(LeadField.class);
      changes.putAll(row.own().changes());
      changes.remove(LeadField.TAGS);
      if (changes.get(LeadField.CUSTOM_FIELDS) instanceof Map<?, ?> own
          && lead.get(LeadField.CUSTOM_FIELDS) instanceof Map<?, ?> existing) {
        Map<Object, Object> both = new LinkedHashMap<>(existing);
        both.putAll(own);
        changes.put(LeadField.CUSTOM_FIELDS, both);
      }
      List<String> tags = RowConversion.unionTags(lead.tags(), conversion.addedTags(row.own()));
      if (tags.size() > LeadField.MAX_TAGS) {
        throw new InvalidValue("tags", "a lead can have at most " + LeadField.MAX_TAGS + " tags");
      }
      if (!tags.equals(lead.tags())) {
        changes.put(LeadField.TAGS, tags);
      }
      lead.edit(new LeadInput.Parsed(changes, row.own().consent(), row.own().consentSource()), now);
    }

    private @Nullable Target local(Map<String, Target> byKey, DuplicateKeys keys) {
      for (String k : lookups(keys)) {
        Target t = byKey.get(k);
        if (t != null) {
          return t;
        }
      }
      return null;
    }

    private void index(Map<String, Target> byKey, Target t) {
      DuplicateKeys keys = conversion.keys(new LeadInput.Parsed(t.lead.values(), null, null));
      for (String k : lookups(keys)) {
        byKey.putIfAbsent(k, t);
      }
    }

    private List<String> lookups(DuplicateKeys keys) {
      List<String> out = new ArrayList<>(4);
      if (keys.email() != null) {
        out.add("e:" + keys.email());
      }
      keys.phones().forEach(p -> out.add("p:" + p));
      if (keys.externalId() != null) {
        out.add("x:" + keys.externalId());
      }
      return out;
    }
  }

  static Imports.Error error(long line, List<FieldProblem> problems, List<String> cells) {
    String field = problems.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
    String reason = problems.size() == 1 ? problems.get(0).message()
        : problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    return new Imports.Error(line, field, reason, cells);
  }
}
