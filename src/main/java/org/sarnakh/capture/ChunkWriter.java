package org.sarnakh.capture;

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
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.sarnakh.capture.RowConversion.Blank;
import org.sarnakh.capture.RowConversion.Converted;
import org.sarnakh.capture.RowConversion.Refused;
import org.sarnakh.capture.RowConversion.Valid;
import org.sarnakh.identity.CurrentUser;
import org.sarnakh.lead.Actor;
import org.sarnakh.lead.DuplicateKeys;
import org.sarnakh.lead.DuplicateMatch;
import org.sarnakh.lead.Lead;
import org.sarnakh.lead.LeadBulkLoad;
import org.sarnakh.lead.LeadField;
import org.sarnakh.lead.LeadInput;
import org.sarnakh.lead.LeadMatching;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.DomainConflict;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.InvalidInput.FieldProblem;
import org.sarnakh.platform.InvalidValue;
import org.sarnakh.platform.jobs.JobRun;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes the chunks of one import run: decides per row (create, update the lead it matches, skip a
 * duplicate, refuse), then writes the chunk's leads, refused rows, counters and position in one
 * transaction, retried when a lead it updates changed meanwhile.
 */
final class ChunkWriter {

  private static final int ATTEMPTS = 3;

  private final Imports imports;
  private final LeadMatching matching;
  private final LeadBulkLoad bulk;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final Supplier<ImportJob.@Nullable ChunkHook> hook;
  private final JobRun run;
  private final Imports.Stored imp;
  private final CurrentUser user;
  private final ImportOptions options;
  private final RowConversion conversion;
  private final Actor actor;
  private final ImportTimings timings;

  ChunkWriter(Imports imports, LeadMatching matching, LeadBulkLoad bulk, TransactionTemplate tx, Clock clock,
      Supplier<ImportJob.@Nullable ChunkHook> hook, JobRun run, Imports.Stored imp, CurrentUser user,
      ImportOptions options, RowConversion conversion, Actor actor, ImportTimings timings) {
    this.imports = imports;
    this.matching = matching;
    this.bulk = bulk;
    this.tx = tx;
    this.clock = clock;
    this.hook = hook;
    this.timings = timings;
    this.run = run;
    this.imp = imp;
    this.user = user;
    this.options = options;
    this.conversion = conversion;
    this.actor = actor;
  }

  /** Commits one chunk (retried when a lead it updates changed meanwhile); returns how many leads it created. */
  long write(ChunkReader.Chunk chunk, long from) {
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

  private long writeOnce(ChunkReader.Chunk chunk, long from) {
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
    ImportJob.ChunkHook h = hook.get();
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

  static Imports.Error error(long line, List<FieldProblem> problems, List<String> cells) {
    String field = problems.stream().map(FieldProblem::field).distinct().collect(Collectors.joining(", "));
    String reason = problems.size() == 1 ? problems.get(0).message()
        : problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    return new Imports.Error(line, field, reason, cells);
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
}
