package org.sarnakh.platform;

import static org.sarnakh.platform.db.Tables.SERVER_SECRET;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Keys the server signs public links with (tracking pixels and click redirects), one per purpose.
 * Made at random on first use and kept in the database, so every node of a deployment and every
 * restart signs and checks alike; never shown anywhere.
 */
@Component
public class ServerSecrets {

  private final DSLContext db;
  private final Clock clock;
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();

  ServerSecrets(DSLContext db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The URL-safe HMAC-SHA256 signature of {@code payload} under the key named {@code purpose}. */
  public String sign(String purpose, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(purpose), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** Whether {@code signature} is ours for {@code payload}, compared in constant time. */
  public boolean verify(String purpose, String payload, String signature) {
    return MessageDigest.isEqual(sign(purpose, payload).getBytes(StandardCharsets.UTF_8),
        signature.getBytes(StandardCharsets.UTF_8));
  }

  private byte[] key(String purpose) {
    return keys.computeIfAbsent(purpose, p -> {
      String stored = db.select(SERVER_SECRET.SECRET).from(SERVER_SECRET).where(SERVER_SECRET.NAME.eq(p))
          .fetchOne(SERVER_SECRET.SECRET);
      if (stored == null) {
        try {
          db.insertInto(SERVER_SECRET).set(SERVER_SECRET.NAME, p).set(SERVER_SECRET.SECRET, Secrets.random(32))
              .set(SERVER_SECRET.CREATED_AT, ApiTime.truncate(clock.instant())).execute();
        } catch (DuplicateKeyException raced) {
          // another node made it first: use theirs, read below
        }
        stored = db.select(SERVER_SECRET.SECRET).from(SERVER_SECRET).where(SERVER_SECRET.NAME.eq(p))
            .fetchSingle(SERVER_SECRET.SECRET);
      }
      return Base64.getUrlDecoder().decode(stored);
    });
  }
}
