package org.sarnakh.platform;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/** The one wire format of instants: UTC with exactly three fraction digits, {@code 2026-11-23T08:15:00.000Z}. */
public final class ApiTime {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ApiTime() {}

  public static @Nullable String format(@Nullable Instant at) {
    return at == null ? null : FORMAT.format(at);
  }

  /** Instants are stored at millisecond precision so that what is written reads back equal. */
  public static Instant truncate(Instant at) {
    return at.truncatedTo(ChronoUnit.MILLIS);
  }
}
