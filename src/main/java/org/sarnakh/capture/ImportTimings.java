package org.sarnakh.capture;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Where an import run's time goes, phase by phase, for the log line at its end (and the benchmark). */
final class ImportTimings {

  private final Map<String, Long> nanos = new ConcurrentHashMap<>();

  <T> T time(String phase, Supplier<T> work) {
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
            .append(String.format(Locale.ROOT, "%.2f s", e.getValue() / 1e9)));
    return b.toString();
  }
}
