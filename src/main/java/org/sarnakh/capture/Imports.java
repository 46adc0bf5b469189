package org.sarnakh.capture;

import static org.sarnakh.platform.db.Tables.JOB;
import static org.sarnakh.platform.db.Tables.LEAD_IMPORT;
import static org.sarnakh.platform.db.Tables.LEAD_IMPORT_ERROR;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.BulkInsert;
import org.sarnakh.platform.db.tables.records.LeadImportErrorRecord;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stores imports and their refused rows; an import reads together with its job (status, total, processed, failed). */
@Repository
class Imports {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<String>> CELLS = new TypeReference<>() {};

  /** One import with the counters of its job; {@code status} is DRAFT before it was started. */
  record Stored(UUID id, String fileName, String fileKind, long fileSize, String storedPath, String encoding,
      String delimiter, List<String> header, @Nullable String options, UUID createdBy, Instant createdAt,
      long nextRecord, long created, long updated, long skipped, String status, long total, long processed,
      long failed, @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
      @Nullable String result) {}

  /** A refused row as errors.csv lists it. */
  record Error(long line, String field, String reason, List<String> cells) {}

  private final DSLContext db;

  Imports(DSLContext db) {
    this.db = db;
  }

  void insert(UUID id, String fileName, String fileKind, long fileSize, String storedPath, String encoding,
      String delimiter, List<String> header, @Nullable String options, UUID createdBy, Instant createdAt) {
    db.insertInto(LEAD_IMPORT).set(LEAD_IMPORT.ID, id).set(LEAD_IMPORT.FILE_NAME, fileName)
        .set(LEAD_IMPORT.FILE_KIND, fileKind).set(LEAD_IMPORT.FILE_SIZE, fileSize)
        .set(LEAD_IMPORT.STORED_PATH, storedPath).set(LEAD_IMPORT.ENCODING, encoding)
        .set(LEAD_IMPORT.DELIMITER, delimiter).set(LEAD_IMPORT.HEADER, JSON.writeValueAsString(header))
        .set(LEAD_IMPORT.OPTIONS, options).set(LEAD_IMPORT.CREATED_BY, createdBy)
        .set(LEAD_IMPORT.CREATED_AT, createdAt).execute();
  }

  Optional<Stored> find(UUID id) {
    return select().where(LEAD_IMPORT.ID.eq(id)).fetchOptional(Imports::toStored);
  }

  /** Newest first, keyset by creation time; {@code createdBy} null lists everybody's. */
  List<Stored> list(@Nullable UUID createdBy, int limit, @Nullable Instant beforeAt, @Nullable UUID beforeId) {
    Condition c = createdBy == null ? DSL.trueCondition() : LEAD_IMPORT.CREATED_BY.eq(createdBy);
    if (beforeAt != null && beforeId != null) {
      c = c.and(DSL.row(LEAD_IMPORT.CREATED_AT, LEAD_IMPORT.ID).lt(beforeAt, beforeId));
    }
    return select().where(c).orderBy(LEAD_IMPORT.CREATED_AT.desc(), LEAD_IMPORT.ID.desc()).limit(limit)
        .fetch(Imports::toStored);
  }

  private org.jooq.SelectOnConditionStep<Record> select() {
    return db.select(LEAD_IMPORT.fields()).select(JOB.STATUS, JOB.TOTAL, JOB.PROCESSED, JOB.FAILED, JOB.STARTED_AT,
        JOB.FINISHED_AT, JOB.ERROR, JOB.RESULT).from(LEAD_IMPORT).leftJoin(JOB).on(JOB.ID.eq(LEAD_IMPORT.ID));
  }

  void setOptions(UUID id, String options, String encoding, String delimiter) {
    db.update(LEAD_IMPORT).set(LEAD_IMPORT.OPTIONS, options).set(LEAD_IMPORT.ENCODING, encoding)
        .set(LEAD_IMPORT.DELIMITER, delimiter).where(LEAD_IMPORT.ID.eq(id)).execute();
  }

  void settle(UUID id, String encoding) {
    db.update(LEAD_IMPORT).set(LEAD_IMPORT.ENCODING, encoding).where(LEAD_IMPORT.ID.eq(id)).execute();
  }

  /**
   * Moves the import past a chunk: false when {@code from} is no longer where it stands, i.e. another
   * runner committed this chunk already. Run in the chunk's transaction, so the chunk lands once.
   */
  boolean advance(UUID id, long from, long to, long created, long updated, long skipped) {
    return db.update(LEAD_IMPORT).set(LEAD_IMPORT.NEXT_RECORD, to)
        .set(LEAD_IMPORT.CREATED, LEAD_IMPORT.CREATED.plus(created))
        .set(LEAD_IMPORT.UPDATED, LEAD_IMPORT.UPDATED.plus(updated))
        .set(LEAD_IMPORT.SKIPPED, LEAD_IMPORT.SKIPPED.plus(skipped))
        .where(LEAD_IMPORT.ID.eq(id).and(LEAD_IMPORT.NEXT_RECORD.eq(from))).execute() == 1;
  }

  void insertErrors(UUID id, List<Error> errors) {
    List<LeadImportErrorRecord> rows = new ArrayList<>(errors.size());
    for (Error e : errors) {
      rows.add(db.newRecord(LEAD_IMPORT_ERROR).setImportId(id).setLine(e.line()).setField(cut(e.field(), 500))
          .setReason(cut(e.reason(), 4000)).setCells(cells(e.cells())));
    }
    BulkInsert.insert(db, LEAD_IMPORT_ERROR, List.of(LEAD_IMPORT_ERROR.fields()), rows);
  }

  /** Every refused row in line order, read in pages so a million errors stream in bounded memory. */
  void forEachError(UUID id, Consumer<Error> sink) {
    long after = 0;
    while (true) {
      var page = db.selectFrom(LEAD_IMPORT_ERROR)
          .where(LEAD_IMPORT_ERROR.IMPORT_ID.eq(id).and(LEAD_IMPORT_ERROR.LINE.gt(after)))
          .orderBy(LEAD_IMPORT_ERROR.LINE).limit(1000).fetch();
      for (LeadImportErrorRecord r : page) {
        sink.accept(new Error(r.getLine(), r.getField(), r.getReason(),
            r.getCells() == null ? List.of() : JSON.readValue(r.getCells(), CELLS)));
        after = r.getLine();
      }
      if (page.size() < 1000) {
        return;
      }
    }
  }

  void delete(UUID id) {
    db.deleteFrom(LEAD_IMPORT_ERROR).where(LEAD_IMPORT_ERROR.IMPORT_ID.eq(id)).execute();
    db.deleteFrom(LEAD_IMPORT).where(LEAD_IMPORT.ID.eq(id)).execute();
  }

  /** Drafts (never started) created before {@code before}: uploads somebody abandoned in the wizard. */
  List<Stored> abandonedDrafts(Instant before) {
    return select().where(JOB.ID.isNull().and(LEAD_IMPORT.CREATED_AT.lt(before))).limit(100).fetch(Imports::toStored);
  }

  /**
   * The cells as JSON for the report: each cut to 32,000 characters, and all of them to fit the
   * column, since a refused row may be refused exactly for being enormous.
   */
  static String cells(List<String> cells) {
    String json = JSON.writeValueAsString(cells.stream().map(c -> cut(c, 32_000)).toList());
    if (json.length() <= 1_000_000) {
      return json;
    }
    int each = Math.max(10, 900_000 / Math.max(1, cells.size()) / 2);
    return JSON.writeValueAsString(cells.stream().map(c -> cut(c, each)).toList());
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static Stored toStored(Record r) {
    return new Stored(r.get(LEAD_IMPORT.ID), r.get(LEAD_IMPORT.FILE_NAME), r.get(LEAD_IMPORT.FILE_KIND),
        r.get(LEAD_IMPORT.FILE_SIZE), r.get(LEAD_IMPORT.STORED_PATH), r.get(LEAD_IMPORT.ENCODING),
        r.get(LEAD_IMPORT.DELIMITER), JSON.readValue(r.get(LEAD_IMPORT.HEADER), CELLS), r.get(LEAD_IMPORT.OPTIONS),
        r.get(LEAD_IMPORT.CREATED_BY), r.get(LEAD_IMPORT.CREATED_AT), r.get(LEAD_IMPORT.NEXT_RECORD),
        r.get(LEAD_IMPORT.CREATED), r.get(LEAD_IMPORT.UPDATED), r.get(LEAD_IMPORT.SKIPPED),
        r.get(JOB.STATUS) == null ? LeadImports.DRAFT : r.get(JOB.STATUS),
        r.get(JOB.TOTAL) == null ? 0 : r.get(JOB.TOTAL), r.get(JOB.PROCESSED) == null ? 0 : r.get(JOB.PROCESSED),
        r.get(JOB.FAILED) == null ? 0 : r.get(JOB.FAILED), r.get(JOB.STARTED_AT), r.get(JOB.FINISHED_AT),
        r.get(JOB.ERROR), r.get(JOB.RESULT));
  }
}
