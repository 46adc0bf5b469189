package org.sarnakh.platform.web;

import static org.sarnakh.platform.db.Tables.IDEMPOTENCY_KEY;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.sarnakh.platform.ApiTime;
import org.sarnakh.platform.InvalidInput;
import org.sarnakh.platform.RuleViolation;
import org.sarnakh.platform.Secrets;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Idempotency-Key} for creating POSTs: the key is claimed in the same transaction as the
 * creation, so a repeat (even a concurrent one) replays the first answer instead of creating twice.
 */
@Component
public class Idempotency {

  /** The created (201) or, for an upsert that found its record, updated (200) resource: where it lives and its body. */
  public record Created(URI location, Object body, int status) {
    public Created(URI location, Object body) {
      this(location, body, 201);
    }

    ResponseEntity<Object> response() {
      return ResponseEntity.status(status).location(location).body(body);
    }
  }

  private final DSLContext db;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  Idempotency(DSLContext db, TransactionTemplate tx, Clock clock) {
    this.db = db;
    this.tx = tx;
    this.clock = clock;
  }

  public ResponseEntity<?> create(UUID user, @Nullable String key, String requestFingerprint, Supplier<Created> action) {
    if (key == null) {
      return action.get().response();
    }
    if (key.isBlank() || key.length() > 200) {
      throw InvalidInput.of("Idempotency-Key", "1 to 200 characters");
    }
    String hash = Secrets.sha256(requestFingerprint);
    try {
      Created created = tx.execute(s -> {
        db.insertInto(IDEMPOTENCY_KEY).set(IDEMPOTENCY_KEY.USER_ID, user).set(IDEMPOTENCY_KEY.IDEM_KEY, key)
            .set(IDEMPOTENCY_KEY.REQUEST_HASH, hash).set(IDEMPOTENCY_KEY.STATUS, 0)
            .set(IDEMPOTENCY_KEY.CREATED_AT, ApiTime.truncate(clock.instant())).execute();
        Created c = action.get();
        db.update(IDEMPOTENCY_KEY).set(IDEMPOTENCY_KEY.STATUS, c.status())
            .set(IDEMPOTENCY_KEY.LOCATION, c.location().toString())
            .set(IDEMPOTENCY_KEY.BODY, json.writeValueAsString(c.body()))
            .where(IDEMPOTENCY_KEY.USER_ID.eq(user).and(IDEMPOTENCY_KEY.IDEM_KEY.eq(key))).execute();
        return c;
      });
      return created.response();
    } catch (DuplicateKeyException e) {
      var stored = db.selectFrom(IDEMPOTENCY_KEY)
          .where(IDEMPOTENCY_KEY.USER_ID.eq(user).and(IDEMPOTENCY_KEY.IDEM_KEY.eq(key))).fetchOne();
      if (stored == null || stored.getStatus() == 0) {
        throw new org.sarnakh.platform.DomainConflict("idempotency-in-progress", "a request with this key is in progress");
      }
      if (!stored.getRequestHash().equals(hash)) {
        throw new RuleViolation("idempotency-key-reused", "this Idempotency-Key was used with a different request");
      }
      return ResponseEntity.status(stored.getStatus()).location(URI.create(stored.getLocation()))
          .header("Idempotent-Replayed", "true").contentType(MediaType.APPLICATION_JSON).body(stored.getBody());
    }
  }
}
