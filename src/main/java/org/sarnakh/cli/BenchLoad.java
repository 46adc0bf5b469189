package org.sarnakh.cli;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** What the HTTP benches share: a closed-loop load of concurrent clients, percentiles, the process's CPU time. */
final class BenchLoad {

  /** One load: the latencies (sorted, nanoseconds), the answers that were not the expected status, the wall time. */
  record Run(long[] sorted, long errors, double seconds) {
    double perSecond() {
      return sorted.length / seconds;
    }

    double pct(int p) {
      return BenchLoad.pct(sorted, p);
    }

    double maxMs() {
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }
  }

  private BenchLoad() {}

  /**
   * Sends {@code count} requests from {@code clients} threads, each taking the next request as soon
   * as its previous one is answered; the i-th request is {@code request.apply(i)}.
   */
  static Run closedLoop(HttpClient http, int clients, int count, IntFunction<HttpRequest> request, int expected)
      throws Exception {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicLong errors = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      futures.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          long t0 = System.nanoTime();
          try {
            if (http.send(request.apply(i), HttpResponse.BodyHandlers.discarding()).statusCode() != expected) {
              errors.incrementAndGet();
            }
          } catch (Exception e) {
            errors.incrementAndGet();
          }
          latencies[i] = System.nanoTime() - t0;
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new Run(latencies, errors.get(), seconds);
  }

  /** The p-th percentile of sorted nanoseconds, in milliseconds; NaN when there are none. */
  static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1e6;
  }

  /**
   * CPU time of this process (server and load generator together): unlike latency it does not
   * grow when other work shares the machine, so it shows what one request costs.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
