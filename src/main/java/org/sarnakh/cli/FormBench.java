package org.sarnakh.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sarnakh.SarnakhApplication;
import org.sarnakh.capture.FormTokens;
import org.sarnakh.capture.WebForm;
import org.sarnakh.capture.WebForms;
import org.sarnakh.identity.Role;
import org.sarnakh.identity.UserDirectory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Form submits at a fixed rate over real HTTP: the server runs in this process on a free port with
 * the form rate limits lifted, a form with consent is made, and an open-loop sender posts one
 * new visitor's answers every 1/rate seconds, each with its own one-time token, as the hosted page
 * does (form-encoded, a new lead with consent evidence and a FORM_SUBMIT event each). Latency is
 * counted from when a request was due, not when it could be sent, so a stalled server is not
 * hidden by a sender that waited for it.
 */
@Command(name = "form", mixinStandardHelpOptions = true,
    description = "Web form submit latency at a fixed request rate (SPRING_DATASOURCE_* picks the database).")
class FormBench implements Callable<Integer> {

  static final String SENDER = "bench-sender-";

  @Option(names = "--rate", defaultValue = "200", description = "Submits per second (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds at the same rate before measuring (default ${DEFAULT-VALUE}).")
  int warmup;

  @Override
  public Integer call() throws Exception {
    if (rate < 1 || rate > 5000 || seconds < 1 || warmup < 0) {
      System.err.println("--rate must be 1…5000, --seconds at least 1, --warmup at least 0");
      return 2;
    }
    ConfigurableApplicationContext ctx = SpringApplication.run(SarnakhApplication.class, "--server.port=0",
        "--logging.level.root=warn", "--sarnakh.forms.rate-limits=false");
    try {
      int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
      var admin = ctx.getBean(UserDirectory.class)
          .current(BenchCommand.benchUser(ctx, "bench-admin@localhost", Role.ADMIN)).orElseThrow();
      WebForm form = ctx.getBean(WebForms.class).create(Map.of("name", "Bench form", "language", "fa",
          "fields", List.of(Map.of("name", "firstName"), Map.of("name", "lastName"), Map.of("name", "email", "required", true),
              Map.of("name", "mobile")),
          "consent", Map.of("required", true, "text", "با دریافت خبرنامه موافقم"),
          "defaults", Map.of("leadSource", "website", "tags", List.of("bench"))), admin);
      FormTokens tokens = ctx.getBean(FormTokens.class);
      String url = "http://127.0.0.1:" + port + "/f/" + form.key();
      String run = Long.toString(System.currentTimeMillis(), 36);
      var os = ManagementFactory.getOperatingSystemMXBean();
      System.out.printf("database %s; %d cores, load average %.2f; heap max %d MB; %d submits/s, %d s warm-up, %d s measured%n",
          ctx.getBean(org.jooq.DSLContext.class).dialect().getName(), os.getAvailableProcessors(),
          os.getSystemLoadAverage(), Runtime.getRuntime().maxMemory() / (1024 * 1024), rate, warmup, seconds);

      java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.ThreadFactory named = r -> {
        Thread t = new Thread(r, SENDER + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
      };
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4, named)).build();
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(named);
      if (warmup > 0) {
        drive(http, ticker, url, tokens, form, rate, warmup, run + "w");
      }
      var db = ctx.getBean(org.jooq.DSLContext.class);
      if (db.dialect().family() == org.jooq.SQLDialect.POSTGRES) {
        // What autovacuum does on a server after this many inserts; a test server may run without it,
        // and unanalyzed tables that grew turn the duplicate guard's lookups into scans.
        db.execute("analyze");
      }
      System.gc();
      ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
      var process = (com.sun.management.OperatingSystemMXBean) os;
      long cpu0 = process.getProcessCpuTime();
      Map<String, Long> threads0 = cpuByThreadGroup();
      Result r = drive(http, ticker, url, tokens, form, rate, seconds, run);
      double cpuMs = (process.getProcessCpuTime() - cpu0) / 1e6;
      Map<String, Long> threads1 = cpuByThreadGroup();
      ticker.shutdown();
      long[] sorted = r.latencies();
      Arrays.sort(sorted);
      System.out.printf("%,d submits in %.1f s (%.0f/s): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d%n",
          sorted.length, r.wallSeconds(), sorted.length / r.wallSeconds(), BenchLoad.pct(sorted, 50), BenchLoad.pct(sorted, 95),
          BenchLoad.pct(sorted, 99), sorted[sorted.length - 1] / 1e6, r.errors());
      StringBuilder split = new StringBuilder();
      threads1.forEach((group, ns) -> split.append(String.format(", %s %.2f", group,
          (ns - threads0.getOrDefault(group, 0L)) / 1e6 / sorted.length)));
      System.out.printf("CPU per submit: %.2f ms in this JVM (by threads, ms%s; the rest is GC and JIT); the database "
          + "server's own CPU not counted; heap peak %d MB; load average %.2f%n", cpuMs / sorted.length, split,
          BenchCommand.peakHeapMb(), os.getSystemLoadAverage());
      return r.errors() == 0 ? 0 : 1;
    } finally {
      ctx.close();
    }
  }

  record Result(long[] latencies, long errors, double wallSeconds) {}

  /**
   * CPU time of this JVM's threads by what they do: the server's request threads, background work
   * (live scoring, sweeps, jobs), the sender (its pool and ticker, the HTTP client's selector).
   */
  private static Map<String, Long> cpuByThreadGroup() {
    var mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> total = new java.util.TreeMap<>();
    for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      String name = info.getThreadName();
      String group = name.startsWith(SENDER) || name.startsWith("HttpClient-") ? "sender"
          : name.startsWith("http-nio") ? "requests" : name.startsWith("scheduling") ? "background" : "other";
      total.merge(group, Math.max(0, mx.getThreadCpuTime(info.getThreadId())), Long::sum);
    }
    return total;
  }

  private static Result drive(HttpClient http, ScheduledExecutorService ticker, String url, FormTokens tokens,
      WebForm form, int rate, int seconds, String run) throws Exception {
    int count = rate * seconds;
    List<String> minted = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      minted.add(tokens.issue(form));
    }
    long[] latencies = new long[count];
    AtomicLong errors = new AtomicLong();
    long period = 1_000_000_000L / rate;
    List<CompletableFuture<Void>> inFlight = new ArrayList<>(count);
    long start = System.nanoTime() + 50_000_000L;
    CompletableFuture<Void> scheduled = new CompletableFuture<>();
    int[] next = {0};
    var tick = ticker.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      // Send everything that is due: a late tick catches up instead of stretching the schedule.
      while (next[0] < count && start + next[0] * period <= now) {
        int i = next[0]++;
        long due = start + i * period;
        String body = "_token=" + enc(minted.get(i)) + "&firstName=" + enc("سارا") + "&lastName=" + enc("بنچ " + i)
            + "&email=" + enc("bench-" + run + "-" + i + "@bench.sarnakh.org") + "&consent=yes";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded").header("User-Agent", "sarnakh-bench")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((res, failure) -> {
          latencies[i] = System.nanoTime() - due;
          if (failure != null || res.statusCode() != 200) {
            errors.incrementAndGet();
          }
          return null;
        }));
      }
      if (next[0] >= count) {
        scheduled.complete(null);
      }
    }, 50, Math.max(1, period / 1000 / 2), TimeUnit.MICROSECONDS);
    scheduled.get();
    tick.cancel(false);
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    double wall = (System.nanoTime() - start) / 1e9;
    return new Result(latencies, errors.get(), wall);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
